import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { CreatePolicyParsed, Policy, UpdatePolicyParsed } from '@aigw/shared/admin/policies';
import { paginate } from '../common/paginate.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { parseRange } from './cidr.js';
import { badCidr, policyInUse, policyNameTaken, policyNotFound } from './policies.errors.js';
import { PolicyEntity } from './policy.entity.js';

export const toPolicy = (p: PolicyEntity): Policy => ({
  id: p.id,
  name: p.name,
  description: p.description,
  allowed_models: p.allowedModels,
  denied_models: p.deniedModels,
  allowed_routes: p.allowedRoutes,
  denied_routes: p.deniedRoutes,
  limits: p.limits,
  limit_by: p.limitBy,
  max_request_bytes: p.maxRequestBytes,
  allowed_ips: p.allowedIps,
  log_bodies: p.logBodies,
  created_at: p.createdAt.toISOString(),
  updated_at: p.updatedAt.toISOString(),
});

function checkRanges(ranges: readonly string[] | undefined): void {
  ranges?.forEach((range, i) => {
    try {
      parseRange(range);
    } catch {
      throw badCidr(`allowed_ips.${i}`, range);
    }
  });
}

@Injectable()
export class PoliciesService {
  constructor(
    private readonly db: DataSource,
    private readonly snapshot: SnapshotService,
  ) {}

  private get repo() {
    return this.db.getRepository(PolicyEntity);
  }

  async create(input: CreatePolicyParsed): Promise<Policy> {
    checkRanges(input.allowed_ips);
    const id = randomUUID();
    await this.save(() =>
      this.repo.insert({
        id,
        name: input.name,
        description: input.description ?? null,
        allowedModels: input.allowed_models ?? null,
        deniedModels: input.denied_models ?? [],
        allowedRoutes: input.allowed_routes ?? null,
        deniedRoutes: input.denied_routes ?? [],
        limits: input.limits ?? {},
        limitBy: input.limit_by,
        maxRequestBytes: input.max_request_bytes ?? null,
        allowedIps: input.allowed_ips ?? null,
        logBodies: input.log_bodies ?? false,
      }),
    );
    return this.get(id);
  }

  async list(query: ListQuery): Promise<ListResponse<Policy>> {
    const { rows, hasMore } = await paginate(this.repo.createQueryBuilder('t'), 'policies', query);
    return { data: rows.map(toPolicy), has_more: hasMore };
  }

  async get(id: string): Promise<Policy> {
    const policy = await this.repo.findOneBy({ id });
    if (!policy) throw policyNotFound(id);
    return toPolicy(policy);
  }

  async update(id: string, input: UpdatePolicyParsed): Promise<Policy> {
    await this.get(id);
    checkRanges(input.allowed_ips ?? undefined);
    const changes: Partial<PolicyEntity> = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.allowed_models !== undefined && { allowedModels: input.allowed_models }),
      ...(input.denied_models !== undefined && { deniedModels: input.denied_models }),
      ...(input.allowed_routes !== undefined && { allowedRoutes: input.allowed_routes }),
      ...(input.denied_routes !== undefined && { deniedRoutes: input.denied_routes }),
      ...(input.limits !== undefined && { limits: input.limits }),
      ...(input.limit_by !== undefined && { limitBy: input.limit_by }),
      ...(input.max_request_bytes !== undefined && { maxRequestBytes: input.max_request_bytes }),
      ...(input.allowed_ips !== undefined && { allowedIps: input.allowed_ips }),
      ...(input.log_bodies !== undefined && { logBodies: input.log_bodies }),
    };
    await this.save(() => this.repo.update({ id }, { ...changes, updatedAt: new Date() }));
    return this.get(id);
  }

  /** Refused while a key, namespace or route carries the policy. */
  async remove(id: string): Promise<void> {
    await this.get(id);
    const carriers: Array<{ kind: string; name: string }> = await this.db.query(
      `SELECT 'key' AS kind, name FROM api_keys WHERE policy_ids @> $1::jsonb AND revoked_at IS NULL
       UNION ALL SELECT 'namespace', name FROM namespaces WHERE policy_ids @> $1::jsonb
       UNION ALL SELECT 'route', name FROM routes WHERE policy_ids @> $1::jsonb`,
      [JSON.stringify([id])],
    );
    if (carriers.length) throw policyInUse(carriers.map((c) => `${c.kind} "${c.name}"`));
    await this.repo.delete({ id });
    await this.snapshot.changed();
  }

  private async save(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw policyNameTaken();
      throw err;
    }
    await this.snapshot.changed();
  }
}
