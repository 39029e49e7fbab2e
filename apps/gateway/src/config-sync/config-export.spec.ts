import { describe, expect, it } from 'vitest';
import type { Capability, Provider } from '@aigw/shared/admin/sources';
import { exportDocument, renderDocument } from './config-export.js';
import { planConfig, sha256 } from './config-plan.js';
import { readConfigDocument } from './config-reader.js';
import type { GatewayState } from './config-state.js';

const defaults = (p: Provider): Capability[] => (p === 'anthropic' ? ['chat'] : ['chat', 'completions', 'embeddings']);

const STATE: GatewayState = {
  sources: [
    {
      id: 's2',
      name: 'vllm-pool',
      provider: 'vllm',
      capabilities: ['chat'],
      timeout_ms: 60_000,
      health_check: { timeout_ms: 500, path: '/health', interval_s: 5 },
      api_version: null,
      instances: [
        { id: 'i2', url: 'http://gpu-2:8000/v1', weight: 2, headers: { 'X-Z': 'z', 'X-A': 'a' }, enabled: false, max_concurrent: 8, api_key_sha256: sha256('k') },
        { id: 'i1', url: 'http://gpu-1:8000/v1', weight: 1, headers: {}, enabled: true, max_concurrent: null, api_key_sha256: null },
      ],
    },
    {
      id: 's1',
      name: 'anthropic',
      provider: 'anthropic',
      capabilities: ['chat'],
      timeout_ms: null,
      health_check: null,
      api_version: null,
      instances: [{ id: 'i3', url: 'https://api.anthropic.com/v1', weight: 1, headers: {}, enabled: true, max_concurrent: null, api_key_sha256: sha256('sk-ant') }],
    },
  ],
  routes: [
    {
      id: 'r2',
      name: 'local',
      match: { models: ['llama-*'], paths: [], headers: { 'x-tier': 'b', 'x-env': 'a' } },
      targets: [{ source_id: 's2', weight: 3, model: 'meta-llama/Llama-3.1-8B-Instruct' }],
      fallback: [{ source_id: 's1', weight: 1, model: 'claude-haiku' }],
      strategy: 'least_connections',
      priority: 10,
      enabled: false,
    },
    { id: 'r1', name: 'claude', match: { models: ['claude-*'] }, targets: [{ source_id: 's1', weight: 1 }], fallback: [], strategy: 'round_robin', priority: 0, enabled: true },
  ],
};

const EXPECTED_YAML = `# aigw declarative config (sources and routes). Apply with
#   pnpm --filter ./apps/gateway run config apply <file> --dry-run
# Upstream API keys are never exported: an instance without api_key keeps its stored key;
# write api_key: ENV:NAME to set one from the environment.

version: 1
sources:
  - name: anthropic
    provider: anthropic
    instances:
      - url: https://api.anthropic.com/v1
  - name: vllm-pool
    provider: vllm
    capabilities:
      - chat
    timeout_ms: 60000
    health_check:
      interval_s: 5
      path: /health
      timeout_ms: 500
    instances:
      - url: http://gpu-2:8000/v1
        weight: 2
        headers:
          X-A: a
          X-Z: z
        enabled: false
        max_concurrent: 8
      - url: http://gpu-1:8000/v1
routes:
  - name: claude
    match:
      models:
        - claude-*
    targets:
      - source: anthropic
  - name: local
    enabled: false
    priority: 10
    match:
      models:
        - llama-*
      headers:
        x-env: a
        x-tier: b
    strategy: least_connections
    targets:
      - source: vllm-pool
        weight: 3
        model: meta-llama/Llama-3.1-8B-Instruct
    fallback:
      - source: anthropic
        model: claude-haiku
`;

describe('exportDocument + renderDocument', () => {
  it('sorts by name, names sources, leaves out defaults and every secret', () => {
    const yaml = renderDocument(exportDocument(STATE, defaults), 'yaml');
    expect(yaml).toBe(EXPECTED_YAML);
    expect(yaml).not.toMatch(/^\s+api_key:/m);
  });

  it('is deterministic: the same state in another order exports byte for byte the same', () => {
    const shuffled: GatewayState = { sources: [...STATE.sources].reverse(), routes: [...STATE.routes].reverse() };
    for (const format of ['yaml', 'json'] as const) {
      expect(renderDocument(exportDocument(shuffled, defaults), format)).toBe(renderDocument(exportDocument(STATE, defaults), format));
    }
  });

  it('renders JSON that is the same document', () => {
    const json = renderDocument(exportDocument(STATE, defaults), 'json');
    expect(JSON.parse(json)).toEqual(exportDocument(STATE, defaults));
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('re-applies as unchanged, in both formats', () => {
    for (const format of ['yaml', 'json'] as const) {
      const text = renderDocument(exportDocument(STATE, defaults), format);
      const desired = readConfigDocument(text, { env: { get: () => undefined }, capabilities: (s) => s.capabilities ?? defaults(s.provider) });
      const plan = planConfig(STATE, desired, { prune: true });
      expect(plan.steps).toEqual([]);
      expect(plan.changes.every((c) => c.action === 'unchanged')).toBe(true);
      expect(plan.changes).toHaveLength(4);
    }
  });
});
