import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { CreateNamespaceParsed, Namespace, NamespaceMatchers, UpdateNamespaceParsed } from '@aigw/shared/admin/namespaces';
import { paginate } from '../common/paginate.js';
import { assertPoliciesExist } from '../policies/policy-refs.js';
import { isReservedPath } from '../routes/reserved-paths.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { NamespaceEntity } from './namespace.entity.js';
import { matcherTaken, namespaceInUse, namespaceNameTaken, namespaceNotFound, reservedPrefix } from './namespaces.errors.js';

export const toNamespace = (n: NamespaceEntity): Namespace => ({
  id: n.id,
  name: n.name,
  description: n.description,
  matchers: n.matchers,
  limits: n.limits,
  policy_ids: n.policyIds,
  created_at: n.createdAt.toISOString(),
  updated_at: n.updatedAt.toISOString(),
});

/** Header names compare case-insensitively: store them lower-cased. */
const normalise = (m: NamespaceMatchers | undefined): NamespaceMatchers => ({
  ...(m?.domains?.length ? { domains: [...new Set(m.domains)] } : {}),
  ...(m?.headers && Object.keys(m.headers).length ? { headers: Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k.toLowerCase(), v])) } : {}),
  ...(m?.path_prefixes?.length ? { path_prefixes: [...new Set(m.path_prefixes)] } : {}),
});

@Injectable()
export class NamespacesService {
  constructor(
    private readonly db: DataSource,
    private readonly snapshot: SnapshotService,
  ) {}

  private get repo() {
    return this.db.getRepository(NamespaceEntity);
  }

  async create(input: CreateNamespaceParsed): Promise<Namespace> {
    const matchers = normalise(input.matchers);
    await this.validate(null, matchers, input.policy_ids);
    const id = randomUUID();
    await this.save(() =>
      this.repo.insert({ id, name: input.name, description: input.description ?? null, matchers, limits: input.limits ?? {}, policyIds: input.policy_ids ?? [] }),
    );
    return this.get(id);
  }

  async list(query: ListQuery): Promise<ListResponse<Namespace>> {
    const { rows, hasMore } = await paginate(this.repo.createQueryBuilder('t'), 'namespaces', query);
    return { data: rows.map(toNamespace), has_more: hasMore };
  }

  async get(id: string): Promise<Namespace> {
    const ns = await this.repo.findOneBy({ id });
    if (!ns) throw namespaceNotFound(id);
    return toNamespace(ns);
  }

  async update(id: string, input: UpdateNamespaceParsed): Promise<Namespace> {
    await this.get(id);
    const matchers = input.matchers === undefined ? undefined : normalise(input.matchers);
    await this.validate(id, matchers, input.policy_ids);
    const changes: Partial<NamespaceEntity> = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      ...(matchers !== undefined && { matchers }),
      ...(input.limits !== undefined && { limits: input.limits }),
      ...(input.policy_ids !== undefined && { policyIds: input.policy_ids }),
    };
    await this.save(() => this.repo.update({ id }, { ...changes, updatedAt: new Date() }));
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    try {
      await this.repo.delete({ id });
    } catch (err) {
      if ((err as { code?: string }).code === '23503') throw namespaceInUse();
      throw err;
    }
    await this.snapshot.changed();
  }

  /** Matchers must not select another namespace too, nor claim the gateway's own paths. */
  private async validate(id: string | null, matchers: NamespaceMatchers | undefined, policyIds: string[] | undefined): Promise<void> {
    await assertPoliciesExist(this.db, policyIds);
    if (!matchers) return;
    matchers.path_prefixes?.forEach((prefix, i) => {
      if (isReservedPath(prefix) || isReservedPath(`${prefix}/`)) throw reservedPrefix(`matchers.path_prefixes.${i}`, prefix);
    });
    const others = (await this.repo.find()).filter((n) => n.id !== id);
    for (const other of others) {
      matchers.domains?.forEach((d, i) => {
        if (other.matchers.domains?.includes(d)) throw matcherTaken(`matchers.domains.${i}`, `Domain ${d}`, other.name);
      });
      for (const [name, value] of Object.entries(matchers.headers ?? {})) {
        if (other.matchers.headers?.[name] === value) throw matcherTaken(`matchers.headers.${name}`, `Header ${name}: ${value}`, other.name);
      }
      matchers.path_prefixes?.forEach((p, i) => {
        if (other.matchers.path_prefixes?.includes(p)) throw matcherTaken(`matchers.path_prefixes.${i}`, `Path prefix ${p}`, other.name);
      });
    }
  }

  private async save(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw namespaceNameTaken();
      throw err;
    }
    await this.snapshot.changed();
  }
}
