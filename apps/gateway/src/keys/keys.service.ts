import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { ApiKey, CreatedApiKey, CreateKeyParsed, UpdateKeyParsed } from '@aigw/shared/admin/keys';
import type { EffectivePolicy } from '@aigw/shared/admin/policies';
import { paginate } from '../common/paginate.js';
import { newApiKey } from '../crypto/tokens.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { assertNamespaceExists } from '../namespaces/namespace-refs.js';
import { assertPoliciesExist } from '../policies/policy-refs.js';
import { composeEffectivePolicy, policyRules, subjectRules, type RuleSource } from '../policies/effective-policy.js';
import { PolicyEntity } from '../policies/policy.entity.js';
import { NamespaceEntity } from '../namespaces/namespace.entity.js';
import { expiryInPast, keyNotFound } from './keys.errors.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toApiKey = (k: ApiKeyEntity): ApiKey => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  namespace_id: k.namespaceId,
  models: k.models,
  limits: k.limits,
  policy_ids: k.policyIds,
  expires_at: iso(k.expiresAt),
  created_at: k.createdAt.toISOString(),
  last_used_at: iso(k.lastUsedAt),
  revoked: k.revokedAt !== null,
});

function parseExpiry(value: string | null | undefined): Date | null | undefined {
  if (value === undefined || value === null) return value;
  const at = new Date(value);
  if (at.getTime() <= Date.now()) throw expiryInPast();
  return at;
}


@Injectable()
export class KeysService {
  constructor(
    private readonly db: DataSource,
    private readonly snapshot: SnapshotService,
  ) {}

  private get repo() {
    return this.db.getRepository(ApiKeyEntity);
  }

  async create(input: CreateKeyParsed, createdBy: string): Promise<CreatedApiKey> {
    await assertNamespaceExists(this.db, input.namespace_id);
    await assertPoliciesExist(this.db, input.policy_ids);
    const { key, hash, prefix } = newApiKey();
    const id = randomUUID();
    await this.repo.insert({
      id,
      name: input.name,
      prefix,
      keyHash: hash,
      namespaceId: input.namespace_id ?? null,
      models: input.models ?? [],
      limits: input.limits ?? {},
      policyIds: input.policy_ids ?? [],
      expiresAt: parseExpiry(input.expires_at) ?? null,
      revokedAt: null,
      lastUsedAt: null,
      createdBy,
    });
    await this.snapshot.changed();
    return { ...(await this.get(id)), key };
  }

  async list(query: ListQuery): Promise<ListResponse<ApiKey>> {
    const { rows, hasMore } = await paginate(this.repo.createQueryBuilder('t'), 'api_keys', query);
    return { data: rows.map(toApiKey), has_more: hasMore };
  }

  /** What applies to every request of the key before a route adds its own rules (the key's, its namespace's, their policies'). */
  async effectivePolicy(id: string): Promise<EffectivePolicy> {
    const key = await this.repo.findOneBy({ id });
    if (!key) throw keyNotFound(id);
    const namespace = key.namespaceId ? await this.db.getRepository(NamespaceEntity).findOneBy({ id: key.namespaceId }) : null;
    const policyIds = [...key.policyIds, ...(namespace?.policyIds ?? [])];
    const policies = new Map((policyIds.length ? await this.db.getRepository(PolicyEntity).findBy({ id: In(policyIds) }) : []).map((p) => [p.id, p]));
    const keyLabel = `key "${key.name}"`;
    const sources: RuleSource[] = [subjectRules(keyLabel, key.limits, key.models.length ? key.models : null)];
    for (const pid of key.policyIds) if (policies.has(pid)) sources.push(policyRules(policies.get(pid)!, keyLabel));
    if (namespace) {
      const nsLabel = `namespace "${namespace.name}"`;
      sources.push(subjectRules(nsLabel, namespace.limits));
      for (const pid of namespace.policyIds) if (policies.has(pid)) sources.push(policyRules(policies.get(pid)!, nsLabel));
    }
    return composeEffectivePolicy(key.id, key.namespaceId, sources);
  }

  async get(id: string): Promise<ApiKey> {
    const key = await this.repo.findOneBy({ id });
    if (!key) throw keyNotFound(id);
    return toApiKey(key);
  }

  async update(id: string, input: UpdateKeyParsed): Promise<ApiKey> {
    await this.get(id);
    await assertPoliciesExist(this.db, input.policy_ids);
    if (input.namespace_id) await assertNamespaceExists(this.db, input.namespace_id);
    const expiresAt = parseExpiry(input.expires_at);
    await this.repo.update(
      { id },
      {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.models !== undefined ? { models: input.models } : {}),
        ...(expiresAt !== undefined ? { expiresAt } : {}),
        ...(input.limits !== undefined ? { limits: input.limits } : {}),
        ...(input.policy_ids !== undefined ? { policyIds: input.policy_ids } : {}),
        ...(input.namespace_id !== undefined ? { namespaceId: input.namespace_id } : {}),
      },
    );
    await this.snapshot.changed();
    return this.get(id);
  }

  /** Idempotent: revoking a revoked key changes nothing. */
  async revoke(id: string): Promise<void> {
    await this.get(id);
    await this.repo.createQueryBuilder().update().set({ revokedAt: () => 'now()' }).where('id = :id AND revoked_at IS NULL', { id }).execute();
    await this.snapshot.changed();
  }
}
