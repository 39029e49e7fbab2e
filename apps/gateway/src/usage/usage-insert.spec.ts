import { describe, expect, it } from 'vitest';
import type { UsageEntry } from './usage-entry.js';
import { INSERT_USAGE_SQL, usageInsertParams } from './usage-insert.js';

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
  it('is one statement with one array parameter per column', () => {
    expect(INSERT_USAGE_SQL).toMatch(/^INSERT INTO usage_records \(request_id, created_at, .* client_ip, request_body, response_body, bodies_truncated\) SELECT \* FROM unnest\(\$1::text\[\], \$2::timestamptz\[\], .*\$21::bool\[\]\)$/);
  });

  it('lays the entries out column by column', () => {
    const params = usageInsertParams([entry(), entry({ requestId: 'req-2', status: 502, errorCode: 'upstream_error', ttftMs: 3.4 })]);
    expect(params).toHaveLength(21);
    expect(params[0]).toEqual(['req-1', 'req-2']);
    expect(params[1]).toEqual(['2026-01-02T03:04:05.000Z', '2026-01-02T03:04:05.000Z']);
    expect(params[13]).toEqual([200, 502]);
    expect(params[14]).toEqual([null, 'upstream_error']);
    expect(params[15]).toEqual([13, 13]);
    expect(params[16]).toEqual([null, 3]);
    // no bodies unless a policy kept them
    expect(params.slice(18)).toEqual([[null, null], [null, null], [false, false]]);
  });

  it('clamps numbers and cuts long text, so one odd record cannot fail a batch', () => {
    const [params] = [usageInsertParams([entry({ inputTokens: -3, outputTokens: Number.NaN, latencyMs: 1e12, model: 'x'.repeat(500) })])];
    expect(params[10]).toEqual([0]);
    expect(params[11]).toEqual([0]);
    expect(params[15]).toEqual([2_147_483_647]);
    expect((params[8]![0] as string).length).toBe(200);
  });
});
