import type { z } from 'zod';
import { Document } from 'yaml';
import type { configDocumentSchema, configSourceSchema } from '@aigw/shared/admin/config';
import type { RouteTarget } from '@aigw/shared/admin/routes';
import type { Capability, Provider } from '@aigw/shared/admin/sources';
import { normalMatch } from './config-plan.js';
import { byName, type GatewayState, type StateSource } from './config-state.js';

/** A document as written: fields at their default may be left out. */
export type ConfigDocumentInput = z.input<typeof configDocumentSchema>;
type ConfigSourceInput = z.input<typeof configSourceSchema>;
export type ExportFormat = 'yaml' | 'json';

const sortedKeys = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function exportSource(s: StateSource, defaultCapabilities: (p: Provider) => Capability[]): ConfigSourceInput {
  return {
    name: s.name,
    provider: s.provider,
    ...(sameSet(s.capabilities, defaultCapabilities(s.provider)) ? {} : { capabilities: s.capabilities }),
    ...(s.api_version !== null ? { api_version: s.api_version } : {}),
    ...(s.timeout_ms !== null ? { timeout_ms: s.timeout_ms } : {}),
    ...(s.health_check !== null ? { health_check: sortedKeys(s.health_check) } : {}),
    instances: s.instances.map((i) => ({
      url: i.url,
      ...(i.weight !== 1 ? { weight: i.weight } : {}),
      ...(Object.keys(i.headers).length ? { headers: sortedKeys(i.headers) } : {}),
      ...(i.enabled ? {} : { enabled: false }),
      ...(i.max_concurrent !== null ? { max_concurrent: i.max_concurrent } : {}),
    })),
  };
}

/**
 * The gateway's sources and routes as a config document: sorted by name, routes naming sources by
 * name, fields at their default left out, and no secrets (instances without `api_key` keep their
 * stored key when the document is applied again, so an export re-applies as "unchanged"). Pure.
 */
export function exportDocument(state: GatewayState, defaultCapabilities: (p: Provider) => Capability[]): ConfigDocumentInput {
  const names = new Map(state.sources.map((s) => [s.id, s.name]));
  const target = (t: RouteTarget) => ({
    source: names.get(t.source_id) ?? t.source_id,
    ...(t.weight !== 1 ? { weight: t.weight } : {}),
    ...(t.model !== undefined ? { model: t.model } : {}),
    ...(t.path !== undefined ? { path: t.path } : {}),
  });
  return {
    version: 1,
    sources: [...state.sources].sort(byName).map((s) => exportSource(s, defaultCapabilities)),
    routes: [...state.routes].sort(byName).map((r) => {
      const match = normalMatch(r.match);
      return {
        name: r.name,
        ...(r.enabled ? {} : { enabled: false }),
        ...(r.priority !== 0 ? { priority: r.priority } : {}),
        match: match.headers ? { ...match, headers: sortedKeys(match.headers) } : match,
        ...(r.strategy !== 'round_robin' ? { strategy: r.strategy } : {}),
        targets: r.targets.map(target),
        ...(r.fallback.length ? { fallback: r.fallback.map(target) } : {}),
      };
    }),
  };
}

const YAML_HEADER = [
  ' aigw declarative config (sources and routes). Apply with',
  '   pnpm --filter ./apps/gateway run config apply <file> --dry-run',
  ' Upstream API keys are never exported: an instance without api_key keeps its stored key;',
  ' write api_key: ENV:NAME to set one from the environment.',
].join('\n');

export function renderDocument(document: ConfigDocumentInput, format: ExportFormat): string {
  if (format === 'json') return `${JSON.stringify(document, null, 2)}\n`;
  const doc = new Document(document);
  doc.commentBefore = YAML_HEADER;
  return doc.toString({ lineWidth: 0 });
}
