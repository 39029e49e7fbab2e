import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { Capability, CreateSourceParsed, InstanceParsed, Provider, Source, TestConnectionParsed, TestConnectionResult, UpdateSourceParsed } from '@aigw/shared/admin/sources';
import { paginate } from '../common/paginate.js';
import { SecretBox } from '../crypto/secret-box.js';
import { InstanceHealthRegistry } from '../health/instance-health.registry.js';
import { assertNamespaceExists } from '../namespaces/namespace-refs.js';
import { capabilitiesOf } from '../providers/capabilities.js';
import { adapterFor } from '../providers/registry.js';
import { RouteEntity } from '../routes/route.entity.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { instanceKeyContext } from './instance-secret.js';
import { SourceInstanceEntity } from './source-instance.entity.js';
import { ConnectionTester } from './connection-tester.js';
import { SourceEntity } from './source.entity.js';
import { apiVersionRequired, capabilityNotSupported, providerNotSupported, sourceInUse, sourceNameTaken, sourceNotFound, unknownInstance } from './sources.errors.js';

/** The provider has an adapter, can serve the capabilities asked (default: all it can), and has its settings. */
export function checkProvider(provider: Provider, asked: Capability[] | undefined, apiVersion: string | undefined): Capability[] {
  const adapter = adapterFor(provider);
  if (!adapter) throw providerNotSupported(provider);
  const supported = capabilitiesOf(adapter);
  const unsupported = asked?.find((c) => !supported.includes(c));
  if (unsupported) throw capabilityNotSupported(provider, unsupported, supported);
  if (provider === 'azure-openai' && !apiVersion) throw apiVersionRequired();
  return asked ?? supported;
}

/** A source's own columns, as a whole definition sets them (absent optional settings become null). */
function sourceColumns(input: CreateSourceParsed) {
  return {
    name: input.name,
    provider: input.provider,
    capabilities: checkProvider(input.provider, input.capabilities, input.api_version),
    timeoutMs: input.timeout_ms ?? null,
    healthCheck: input.health_check ?? null,
    apiVersion: input.api_version ?? null,
  };
}

/** A source's own fields on the wire (the admin API and the declarative config share them). */
export function sourceFields(s: SourceEntity) {
  return {
    id: s.id,
    name: s.name,
    provider: s.provider,
    capabilities: s.capabilities,
    timeout_ms: s.timeoutMs,
    health_check: s.healthCheck,
    api_version: s.apiVersion,
    namespace_id: s.namespaceId,
  };
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

@Injectable()
export class SourcesService {
  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly health: InstanceHealthRegistry,
    private readonly snapshot: SnapshotService,
    private readonly tester: ConnectionTester,
  ) {}

  async create(input: CreateSourceParsed): Promise<Source> {
    await assertNamespaceExists(this.db, input.namespace_id);
    const id = randomUUID();
    await this.write(async (tx) => {
      await this.createIn(tx, id, input);
      if (input.namespace_id) await tx.getRepository(SourceEntity).update({ id }, { namespaceId: input.namespace_id });
    });
    return this.get(id);
  }

  /**
   * Creates a source inside the caller's transaction. For batch writers (config-sync), which map
   * name clashes and refresh routing themselves, once, after commit.
   */
  async createIn(tx: EntityManager, id: string, input: CreateSourceParsed): Promise<void> {
    await tx.getRepository(SourceEntity).insert({ id, ...sourceColumns(input) });
    await this.replaceInstances(tx, id, input.instances);
  }

  /**
   * Makes source `id` exactly `input` inside the caller's transaction: optional fields left out
   * become null; instances as in update (an id keeps that instance and, without api_key, its key).
   */
  async replaceIn(tx: EntityManager, id: string, input: CreateSourceParsed): Promise<void> {
    await tx.getRepository(SourceEntity).update({ id }, { ...sourceColumns(input), updatedAt: new Date() });
    await this.replaceInstances(tx, id, input.instances);
  }

  /** Deletes source `id` inside the caller's transaction, refusing while a route (as the transaction sees them) uses it. */
  async removeIn(tx: EntityManager, id: string): Promise<void> {
    const routes = await tx.getRepository(RouteEntity).find();
    const users = routes.filter((r) => [...r.targets, ...r.fallback].some((t) => t.source_id === id)).map((r) => r.name);
    if (users.length) throw sourceInUse(users);
    await tx.getRepository(SourceEntity).delete({ id });
  }

  async list(query: ListQuery): Promise<ListResponse<Source>> {
    const { rows, hasMore } = await paginate(this.db.getRepository(SourceEntity).createQueryBuilder('t'), 'sources', query);
    return { data: await this.toDtos(rows), has_more: hasMore };
  }

  async get(id: string): Promise<Source> {
    const source = await this.db.getRepository(SourceEntity).findOneBy({ id });
    if (!source) throw sourceNotFound(id);
    return (await this.toDtos([source]))[0]!;
  }

  async update(id: string, input: UpdateSourceParsed): Promise<Source> {
    const current = await this.get(id);
    if (input.namespace_id !== undefined && input.namespace_id !== current.namespace_id) await this.assertMovable(id, input.namespace_id);
    const apiVersion = input.api_version === undefined ? current.api_version : input.api_version;
    const capabilities = checkProvider(input.provider ?? current.provider, input.capabilities ?? (input.provider ? undefined : current.capabilities), apiVersion ?? undefined);
    await this.write(async (tx) => {
      const changes: Partial<SourceEntity> = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.provider !== undefined ? { provider: input.provider } : {}),
        capabilities,
        ...(input.api_version !== undefined ? { apiVersion: input.api_version } : {}),
        ...(input.timeout_ms !== undefined ? { timeoutMs: input.timeout_ms } : {}),
        ...(input.health_check !== undefined ? { healthCheck: input.health_check } : {}),
        ...(input.namespace_id !== undefined ? { namespaceId: input.namespace_id } : {}),
      };
      await tx.getRepository(SourceEntity).update({ id }, { ...changes, updatedAt: new Date() });
      if (input.instances) await this.replaceInstances(tx, id, input.instances);
    });
    return this.get(id);
  }

  /** A source moves into a namespace only if no route of another namespace uses it. */
  private async assertMovable(id: string, namespaceId: string | null): Promise<void> {
    await assertNamespaceExists(this.db, namespaceId);
    if (namespaceId === null) return;
    const routes = await this.db.getRepository(RouteEntity).find();
    const outside = routes.filter((r) => r.namespaceId !== namespaceId && [...r.targets, ...r.fallback].some((t) => t.source_id === id)).map((r) => r.name);
    if (outside.length) throw sourceInUse(outside);
  }

  /** Tries an upstream with the given settings; a saved instance's stored key is used when none is given. */
  async testConnection(input: TestConnectionParsed): Promise<TestConnectionResult> {
    const adapter = adapterFor(input.provider);
    if (!adapter) throw providerNotSupported(input.provider);
    let apiKey = input.api_key;
    if (apiKey === undefined && input.instance_id) {
      const stored = await this.db.getRepository(SourceInstanceEntity).findOneBy({ id: input.instance_id });
      if (!stored) throw unknownInstance(0);
      if (stored.apiKeyEnc) apiKey = this.secrets.open(stored.apiKeyEnc, instanceKeyContext(stored.id));
    }
    const url = new URL(input.url);
    return this.tester.test(adapter, url, {
      basePath: url.pathname.replace(/\/+$/, ''),
      search: url.search,
      apiKey,
      extraHeaders: Object.fromEntries(Object.entries(input.headers ?? {}).map(([n, v]) => [n.toLowerCase(), v])),
      options: { apiVersion: input.api_version },
    });
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.removeIn(this.db.manager, id);
    await this.snapshot.changed();
  }

  /** Runs a change in one transaction, maps name clashes to 409, then refreshes routing. */
  private async write(change: (tx: EntityManager) => Promise<void>): Promise<void> {
    try {
      await this.db.transaction(change);
    } catch (err) {
      if (isUniqueViolation(err)) throw sourceNameTaken();
      throw err;
    }
    await this.snapshot.changed();
  }

  /**
   * The given list becomes the source's instances. An entry with the id of an existing instance
   * updates it and keeps its stored API key unless `api_key` is given (null removes it).
   */
  private async replaceInstances(tx: EntityManager, sourceId: string, inputs: InstanceParsed[]): Promise<void> {
    const repo = tx.getRepository(SourceInstanceEntity);
    const existing = new Map((await repo.findBy({ sourceId })).map((i) => [i.id, i]));
    const keep = new Set<string>();
    for (const [position, input] of inputs.entries()) {
      if (input.id && !existing.has(input.id)) throw unknownInstance(position);
      const id = input.id ?? randomUUID();
      keep.add(id);
      const previous = existing.get(id);
      const apiKeyEnc =
        input.api_key === undefined ? (previous?.apiKeyEnc ?? null) : input.api_key === null ? null : this.secrets.seal(input.api_key, instanceKeyContext(id));
      const row = {
        sourceId,
        position,
        url: input.url,
        weight: input.weight,
        apiKeyEnc,
        headers: input.headers ?? previous?.headers ?? {},
        enabled: input.enabled,
        maxConcurrent: input.max_concurrent ?? null,
      };
      if (previous) await repo.update({ id }, row);
      else await repo.insert({ id, ...row });
    }
    const removed = [...existing.keys()].filter((id) => !keep.has(id));
    if (removed.length) await repo.delete({ id: In(removed) });
  }

  private async toDtos(sources: SourceEntity[]): Promise<Source[]> {
    if (sources.length === 0) return [];
    const instances = await this.db.getRepository(SourceInstanceEntity).find({ where: { sourceId: In(sources.map((s) => s.id)) }, order: { position: 'ASC' } });
    return sources.map((s) => ({
      ...sourceFields(s),
      instances: instances
        .filter((i) => i.sourceId === s.id)
        .map((i) => ({
          id: i.id,
          url: i.url,
          weight: i.weight,
          has_api_key: i.apiKeyEnc !== null,
          headers: i.headers,
          enabled: i.enabled,
          max_concurrent: i.maxConcurrent,
          health: i.enabled ? this.health.view(i.id) : { ...this.health.view(i.id), state: 'disabled' as const },
        })),
      created_at: s.createdAt.toISOString(),
      updated_at: s.updatedAt.toISOString(),
    }));
  }
}
