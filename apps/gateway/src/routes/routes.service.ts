import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { CreateRouteParsed, Route, RouteMatch, RouteTarget, Strategy, UpdateRouteParsed } from '@aigw/shared/admin/routes';
import { paginate } from '../common/paginate.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { SourceEntity } from '../sources/source.entity.js';
import { RouteEntity } from './route.entity.js';
import { assertNamespaceExists } from '../namespaces/namespace-refs.js';
import { assertPoliciesExist } from '../policies/policy-refs.js';
import { foreignSource, reservedPath, routeNameTaken, routeNotFound, unknownSource } from './routes.errors.js';
import { isReservedPath } from './reserved-paths.js';

export const toRoute = (r: RouteEntity): Route => ({
  id: r.id,
  name: r.name,
  match: r.match,
  targets: r.targets,
  strategy: r.strategy,
  fallback: r.fallback,
  priority: r.priority,
  enabled: r.enabled,
  namespace_id: r.namespaceId,
  limits: r.limits,
  policy_ids: r.policyIds,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

interface RouteShape {
  match?: RouteMatch | undefined;
  targets?: RouteTarget[] | undefined;
  strategy?: Strategy | undefined;
  fallback?: RouteTarget[] | undefined;
  namespace_id?: string | null | undefined;
  policy_ids?: string[] | undefined;
}

@Injectable()
export class RoutesService {
  constructor(
    private readonly db: DataSource,
    private readonly snapshot: SnapshotService,
  ) {}

  private get repo() {
    return this.db.getRepository(RouteEntity);
  }

  async create(input: CreateRouteParsed): Promise<Route> {
    const id = randomUUID();
    await this.save(() => this.createIn(this.db.manager, id, input));
    return this.get(id);
  }

  /**
   * Creates a route inside the caller's transaction (its sources as the transaction sees them). For
   * batch writers (config-sync), which map name clashes and refresh routing themselves after commit.
   */
  async createIn(tx: EntityManager, id: string, input: CreateRouteParsed): Promise<void> {
    await this.validate(input, input.namespace_id ?? null, tx);
    await tx.getRepository(RouteEntity).insert({
      id,
      name: input.name,
      match: input.match,
      targets: input.targets,
      strategy: input.strategy,
      fallback: input.fallback ?? [],
      priority: input.priority,
      enabled: input.enabled,
      namespaceId: input.namespace_id ?? null,
      limits: input.limits ?? {},
      policyIds: input.policy_ids ?? [],
    });
  }

  /** Makes route `id` exactly `input` inside the caller's transaction. */
  async replaceIn(tx: EntityManager, id: string, input: CreateRouteParsed): Promise<void> {
    const current = await tx.getRepository(RouteEntity).findOneByOrFail({ id });
    await this.validate(input, current.namespaceId, tx);
    const { name, match, targets, strategy, priority, enabled } = input;
    await tx.getRepository(RouteEntity).update({ id }, { name, match, targets, strategy, fallback: input.fallback ?? [], priority, enabled, updatedAt: new Date() });
  }

  /** Deletes route `id` inside the caller's transaction. */
  async removeIn(tx: EntityManager, id: string): Promise<void> {
    await tx.getRepository(RouteEntity).delete({ id });
  }

  async list(query: ListQuery): Promise<ListResponse<Route>> {
    const { rows, hasMore } = await paginate(this.repo.createQueryBuilder('t'), 'routes', query);
    return { data: rows.map(toRoute), has_more: hasMore };
  }

  async get(id: string): Promise<Route> {
    const route = await this.repo.findOneBy({ id });
    if (!route) throw routeNotFound(id);
    return toRoute(route);
  }

  async update(id: string, input: UpdateRouteParsed): Promise<Route> {
    const current = await this.get(id);
    const namespaceId = input.namespace_id === undefined ? current.namespace_id : input.namespace_id;
    // a namespace change re-checks the targets it keeps
    await this.validate({ targets: current.targets, fallback: current.fallback, ...input }, namespaceId);
    const { name, match, targets, strategy, fallback, priority, enabled, limits } = input;
    const changes = Object.fromEntries(
      Object.entries({ name, match, targets, strategy, fallback, priority, enabled, limits, namespaceId: input.namespace_id, policyIds: input.policy_ids }).filter(([, v]) => v !== undefined),
    );
    await this.save(() => this.repo.update({ id }, { ...changes, updatedAt: new Date() }));
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.repo.delete({ id });
    await this.snapshot.changed();
  }

  private async save(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw routeNameTaken();
      throw err;
    }
    await this.snapshot.changed();
  }

  /**
   * Every target names an existing source of the route's namespace (or a global one), the policies
   * exist, and path routes leave the gateway's own paths alone.
   */
  private async validate(input: RouteShape, namespaceId: string | null, db: EntityManager = this.db.manager): Promise<void> {
    await assertNamespaceExists(db, input.namespace_id);
    await assertPoliciesExist(db, input.policy_ids);
    const reserved = (input.match?.paths ?? []).findIndex(isReservedPath);
    if (reserved >= 0) throw reservedPath(`match.paths.${reserved}`, input.match!.paths![reserved]!);
    const lists: Array<[string, RouteTarget[]]> = [
      ['targets', input.targets ?? []],
      ['fallback', input.fallback ?? []],
    ];
    const ids = [...new Set(lists.flatMap(([, ts]) => ts.map((t) => t.source_id)))];
    if (ids.length === 0) return;
    const found = new Map((await db.getRepository(SourceEntity).findBy({ id: In(ids) })).map((s) => [s.id, s]));
    for (const [name, targets] of lists) {
      targets.forEach((t, i) => {
        const source = found.get(t.source_id);
        if (!source) throw unknownSource(`${name}.${i}.source_id`, t.source_id);
        if (source.namespaceId !== null && source.namespaceId !== namespaceId) throw foreignSource(`${name}.${i}.source_id`, source.name);
      });
    }
  }
}
