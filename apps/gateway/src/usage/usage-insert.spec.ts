import { describe, expect, it } from 'vitest';
import { usageEntry } from './testing/usage-entry.fixture.js';
import { COPY_USAGE_SQL, JsonRowsBatch, usageRow } from './usage-insert.js';

describe('usage insert', () => {
  it('gives each row a time-ordered id (UUID v7 of its arrival time)', () => {
    const rows = [0, 1, 2].map((i) => usageRow(usageEntry({ createdAt: new Date(Date.UTC(2026, 0, 1) + i) })));
    for (const row of rows) expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rows.map((r) => r.id)).toEqual(rows.map((r) => r.id).sort());
    expect(parseInt((rows[0]!.id as string).replace('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 0, 1));
  });

  it('takes the id it is given (the request\'s own, when the gateway made it)', () => {
    const id = '019afa8b-1c2d-7e3f-8a9b-0c1d2e3f4a5b';
    expect(usageRow(usageEntry({ id })).id).toBe(id);
  });

  it('lays the entries out as rows named after the columns', () => {
    const batch = new JsonRowsBatch();
    [usageEntry(), usageEntry({ requestId: 'req-2', status: 502, errorCode: 'upstream_error', ttftMs: 3.4 })].forEach((e) => batch.add(e));
    const params = batch.params();
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
    const row = usageRow(usageEntry({ inputTokens: -3, outputTokens: Number.NaN, latencyMs: 1e12, model: 'x'.repeat(500) }));
    expect(row.input_tokens).toBe(0);
    expect(row.output_tokens).toBe(0);
    expect(row.latency_ms).toBe(2_147_483_647);
    expect((row.model as string).length).toBe(200);
    expect(usageRow(usageEntry({ model: 'a\0b' })).model).toBe('ab'); // Postgres text cannot hold NUL
  });
});

describe('usage row order', () => {
  it('lists the values in the column order of the COPY statement', () => {
    const columns = /\((.*)\)/.exec(COPY_USAGE_SQL)![1]!.split(', ');
    expect(Object.keys(usageRow(usageEntry()))).toEqual(columns);
  });
});
