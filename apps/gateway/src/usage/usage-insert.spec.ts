import { describe, expect, it } from 'vitest';
import type { UsageEntry } from './usage-entry.js';
import { COPY_USAGE_SQL, usageCopyLine, usageInsertParams, usageJsonRow, usageRow } from './usage-insert.js';
import { copyData } from './usage-writer.js';

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
  it('gives each row a time-ordered id (UUID v7 of its arrival time)', () => {
    const rows = [0, 1, 2].map((i) => usageRow(entry({ createdAt: new Date(Date.UTC(2026, 0, 1) + i) })));
    for (const row of rows) expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rows.map((r) => r.id)).toEqual(rows.map((r) => r.id).sort());
    expect(parseInt((rows[0]!.id as string).replace('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 0, 1));
  });

  it('takes the id it is given (the request\'s own, when the gateway made it)', () => {
    const id = '019afa8b-1c2d-7e3f-8a9b-0c1d2e3f4a5b';
    expect(usageCopyLine(entry({ id })).split('\t')[0]).toBe(id);
    expect(usageRow(entry({ id })).id).toBe(id);
    expect(usageCopyLine(entry()).split('\t')[0]).not.toBe(usageCopyLine(entry()).split('\t')[0]);
  });

  it('writes one COPY line per entry, its fields in the statement\'s column order, escaped', () => {
    const columns = /\((.*)\)/.exec(COPY_USAGE_SQL)![1]!.split(', ');
    const lines = [entry(), entry({ requestId: 'req-2', model: 'a\tb\\c\nd\re', errorCode: '\\N', clientIp: null, ttftMs: 3.4 })].map(usageCopyLine);
    for (const line of lines) expect(line).not.toMatch(/[\n\r]/); // one line per record
    const fields = lines.map((l) => l.split('\t'));
    expect(fields[0]).toHaveLength(columns.length);
    expect(fields[1]).toHaveLength(columns.length); // escaped tabs do not split a line
    const at = (line: number, column: string) => fields[line]![columns.indexOf(column)];
    expect(at(0, 'created_at')).toBe('2026-01-02T03:04:05.000Z');
    expect(at(0, 'namespace_id')).toBe('\\N'); // null
    expect(at(0, 'estimated')).toBe('f');
    expect(at(0, 'latency_ms')).toBe('13');
    expect(at(1, 'model')).toBe('a\\tb\\\\c\\nd\\re');
    expect(at(1, 'error_code')).toBe('\\\\N'); // the text "\N", not a null
    expect(at(1, 'client_ip')).toBe('\\N');
    expect(at(1, 'ttft_ms')).toBe('3');
  });

  it('lays the entries out as rows named after the columns', () => {
    const params = usageInsertParams([entry(), entry({ requestId: 'req-2', status: 502, errorCode: 'upstream_error', ttftMs: 3.4 })].map(usageJsonRow));
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
    expect(usageRow(entry({ model: 'a\0b' })).model).toBe('ab'); // Postgres text cannot hold NUL
  });
});

describe('usage row order', () => {
  it('writes the COPY line with the same values as the row (the embedded database\'s form)', () => {
    const unescape = (f: string) => (f === '\\N' ? null : f.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c));
    const shown = (v: unknown) => (v === null ? null : v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v));
    const odd = entry({ requestId: 'r\0q', model: 'a\tb\\c\nd\r\0' + 'x'.repeat(300), ttftMs: 7.5, errorCode: 'e', clientIp: null, inputTokens: -1, latencyMs: 1e12, bodies: { request: '{"a":"\\n"}', response: null, truncated: true } });
    const at = (ms: number) => entry({ createdAt: new Date(Date.UTC(2026, 11, 31, 23, 59, 59) + ms) });
    for (const e of [entry(), odd, at(7), at(999), at(1000), at(1042), at(7)]) {
      const row = usageRow(e);
      const fields = usageCopyLine(e).split('\t').map(unescape);
      expect(fields.slice(1)).toEqual(Object.values(row).slice(1).map(shown)); // the id is made anew each time
    }
  });

  it('lists the values in the column order of the COPY statement', () => {
    const columns = /\((.*)\)/.exec(COPY_USAGE_SQL)![1]!.split(', ');
    expect(Object.keys(usageRow(entry()))).toEqual(columns);
  });
});

describe('COPY data', () => {
  it('is the lines joined by newlines, UTF-8 encoded, whichever text they hold', () => {
    const rows = ['plain\tascii', 'café', '模型\t\\N', 'emoji 🚀 and \\\\n', '', 'last'];
    expect(copyData(rows).equals(Buffer.from(rows.join('\n') + '\n', 'utf8'))).toBe(true);
    expect(copyData([]).length).toBe(0);
  });
});
