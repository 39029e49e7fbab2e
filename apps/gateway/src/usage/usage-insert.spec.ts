import { describe, expect, it } from 'vitest';
import type { UsageEntry } from './usage-entry.js';
import { INSERT_USAGE_SQL, usageInsertParams, usageRow } from './usage-insert.js';

const entry = (over: Partial<UsageEntry> = {}): UsageEntry => ({
  requestId: 'req-1',
  createdAt: new Date('2026-01-02T03:04:05.000Z'),
  keyId: '00000000-0000-4000-8000-000000000001',
  namespaceId: null,
  routeId: null,
  sourceId: null,
  instanceId: null,
  operation: 'chat',
  model: 'm',
  upstreamModel: 'um',
  inputTokens: 10,
  outputTokens: 5,
  estimated: false,
  status: 200,
  errorCode: null,
  latencyMs: 12.6,
  ttftMs: null,
  clientIp: '127.0.0.1',
  ...over,
});

describe('usage insert', () => {
  it('is one statement with the batch as one JSON parameter, turned into rows by Postgres', () => {
    expect(INSERT_USAGE_SQL).toMatch(/^INSERT INTO usage_records \(request_id, created_at, .* client_ip, request_body, response_body, bodies_truncated\) SELECT request_id, .* FROM json_populate_recordset\(NULL::usage_records, \$1::json\)$/);
  });

  it('lays the entries out as rows named after the columns', () => {
    const params = usageInsertParams([entry(), entry({ requestId: 'req-2', status: 502, errorCode: 'upstream_error', ttftMs: 3.4 })]);
    expect(params).toHaveLength(1);
    const rows = JSON.parse(params[0]) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.request_id)).toEqual(['req-1', 'req-2']);
    expect(rows[0]!.created_at).toBe('2026-01-02T03:04:05.000Z');
    expect(rows.map((r) => r.status)).toEqual([200, 502]);
    expect(rows.map((r) => r.error_code)).toEqual([null, 'upstream_error']);
    expect(rows.map((r) => r.latency_ms)).toEqual([13, 13]);
    expect(rows.map((r) => r.ttft_ms)).toEqual([null, 3]);
    // no bodies unless a policy kept them
    expect(rows.map((r) => [r.request_body, r.response_body, r.bodies_truncated])).toEqual([[null, null, false], [null, null, false]]);
  });

  it('clamps numbers and cuts long text, so one odd record cannot fail a batch', () => {
    const row = usageRow(entry({ inputTokens: -3, outputTokens: Number.NaN, latencyMs: 1e12, model: 'x'.repeat(500) }));
    expect(row.input_tokens).toBe(0);
    expect(row.output_tokens).toBe(0);
    expect(row.latency_ms).toBe(2_147_483_647);
    expect((row.model as string).length).toBe(200);
  });
});
