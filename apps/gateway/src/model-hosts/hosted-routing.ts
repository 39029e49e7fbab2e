import { createHash } from 'node:crypto';
import { PROVIDER_CAPABILITIES } from '@aigw/shared/admin/sources';
import type { SecretBox } from '../crypto/secret-box.js';
import { isGlob } from '../routes/model-glob.js';
import type { RouteEntity } from '../routes/route.entity.js';
import type { SourceInstanceEntity } from '../sources/source-instance.entity.js';
import type { SourceEntity } from '../sources/source.entity.js';
import { hostTokenContext, type ModelHostEntity } from './model-host.entity.js';

/** Below every admin route (admins may set -1000 to 1000): an admin route naming the same model wins. */
export const HOSTED_ROUTE_PRIORITY = -1001;

export interface HostedRows {
  sources: SourceEntity[];
  instances: SourceInstanceEntity[];
  routes: RouteEntity[];
}

/** A stable UUID for a derived row, so instance health and balancer state survive rebuilds. */
export function derivedId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Running models of the registered hosts -> routing rows, never stored: each running model is a source
 * of kind `model-host` named `<host>/<model id>` with one instance, the host's `/v1` proxy with its
 * token; each served name gets one global route over every host that runs it (least connections).
 */
export function hostedRows(hosts: ModelHostEntity[], secrets: SecretBox, onSkippedHost?: (hostId: string, reason: string) => void): HostedRows {
  const rows: HostedRows = { sources: [], instances: [], routes: [] };
  const sourcesByName = new Map<string, { ids: string[]; createdAt: Date }>();
  for (const host of hosts) {
    if (!host.runningModels.length) continue;
    let token: string;
    try {
      token = secrets.open(host.tokenEnc, hostTokenContext(host.id));
    } catch {
      onSkippedHost?.(host.id, 'its token cannot be decrypted with this MASTER_KEY');
      continue;
    }
    for (const model of host.runningModels) {
      if (isGlob(model.served_name)) continue;
      const sourceId = derivedId('model-host-source', host.id, model.id);
      rows.sources.push({
        id: sourceId,
        name: `${host.name}/${model.id}`,
        provider: 'model-host',
        capabilities: [...PROVIDER_CAPABILITIES['model-host']],
        timeoutMs: null,
        healthCheck: null,
        apiVersion: null,
        namespaceId: null,
        createdAt: host.createdAt,
        updatedAt: host.updatedAt,
      });
      rows.instances.push({
        id: derivedId('model-host-instance', host.id, model.id),
        sourceId,
        position: 0,
        url: `${host.url}/v1`,
        weight: 1,
        // the token is already open here: handed over as the Authorization header, not re-sealed
        apiKeyEnc: null,
        headers: { authorization: `Bearer ${token}` },
        enabled: true,
        maxConcurrent: null,
        createdAt: host.createdAt,
      });
      const entry = sourcesByName.get(model.served_name) ?? { ids: [], createdAt: host.createdAt };
      entry.ids.push(sourceId);
      sourcesByName.set(model.served_name, entry);
    }
  }
  for (const [servedName, { ids, createdAt }] of sourcesByName) {
    rows.routes.push({
      id: derivedId('model-host-route', servedName),
      name: `model-host:${servedName}`,
      match: { models: [servedName] },
      targets: ids.map((source_id) => ({ source_id, weight: 1 })),
      strategy: 'least_connections',
      fallback: [],
      priority: HOSTED_ROUTE_PRIORITY,
      enabled: true,
      namespaceId: null,
      limits: {},
      policyIds: [],
      createdAt,
      updatedAt: createdAt,
    });
  }
  return rows;
}
