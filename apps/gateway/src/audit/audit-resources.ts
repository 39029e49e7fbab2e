import { Injectable, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ConfigExportService } from '../config-sync/config-export.service.js';
import { KeysService } from '../keys/keys.service.js';
import { NamespacesService } from '../namespaces/namespaces.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import { RoutesService } from '../routes/routes.service.js';
import { SourcesService } from '../sources/sources.service.js';
import { UsersService } from '../users/users.service.js';

/** Reads a resource as the admin API shows it (a DTO, never an entity); id null for singletons. */
export type AuditLoader = (id: string | null) => Promise<unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A loader calling `read` on a service of another module, found lazily (no module imports, no cycles). */
const byId =
  <S>(service: Type<S>, read: (s: S, id: string) => Promise<unknown>) =>
  (refs: ModuleRef): AuditLoader =>
  (id) =>
    id && UUID.test(id) ? read(refs.get(service, { strict: false }), id) : Promise.resolve(null);

const BUILT_IN: Record<string, (refs: ModuleRef) => AuditLoader> = {
  key: byId(KeysService, (s, id) => s.get(id)),
  // Without the instances' live health: it changes on its own, not by an admin.
  source: byId(SourcesService, async (s, id) => {
    const source = await s.get(id);
    return { ...source, instances: source.instances.map(({ health: _health, ...instance }) => instance) };
  }),
  route: byId(RoutesService, (s, id) => s.get(id)),
  user: byId(UsersService, (s, id) => s.get(id)),
  namespace: byId(NamespacesService, (s, id) => s.get(id)),
  policy: byId(PoliciesService, (s, id) => s.get(id)),
  // The whole declarative config (sources and routes by name, secrets never included).
  config: (refs) => async () => JSON.parse((await refs.get(ConfigExportService, { strict: false }).export('json')).body) as unknown,
};

/**
 * How the audit log reads a resource before and after a change, by resource type. Feature modules
 * may add theirs (`register('namespace', (id) => namespaces.get(id))`); a type without a loader is
 * audited with `before: null` and `after` = the handler's response.
 */
@Injectable()
export class AuditResources {
  private readonly loaders = new Map<string, AuditLoader>();

  constructor(refs: ModuleRef) {
    for (const [type, make] of Object.entries(BUILT_IN)) this.loaders.set(type, make(refs));
  }

  register(resourceType: string, loader: AuditLoader): void {
    this.loaders.set(resourceType, loader);
  }

  has(resourceType: string | null): boolean {
    return resourceType !== null && this.loaders.has(resourceType);
  }

  /** The resource now, or null: unknown type, no such resource (deleted), or unreadable. */
  async load(resourceType: string | null, id: string | null): Promise<unknown> {
    const loader = resourceType === null ? undefined : this.loaders.get(resourceType);
    if (!loader) return null;
    try {
      return (await loader(id)) ?? null;
    } catch {
      return null;
    }
  }
}
