import { describe, expect, it } from 'vitest';
import { CopyBatch } from './copy-batch.js';
import type { UsageEntry } from './usage-entry.js';
import { usageEntry } from './testing/usage-entry.fixture.js';
import { COPY_USAGE_SQL, usageRow } from './usage-insert.js';

const batchOf = (entries: UsageEntry[]) => {
  const batch = new CopyBatch();
  for (const e of entries) batch.add(e);
  return batch;
};
/** One record's COPY line, without its newline. */
const line = (e: UsageEntry) => batchOf([e]).toString().slice(0, -1);
/** A field of COPY's text format back to its value: `\N` is null, escapes undone. */
const unescape = (f: string) => (f === '\\N' ? null : f.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c));
const columns = /\((.*)\)/.exec(COPY_USAGE_SQL)![1]!.split(', ');

describe('COPY line', () => {
  it('writes one line per entry, its fields in the statement\'s column order, escaped', () => {
    const lines = [usageEntry(), usageEntry({ requestId: 'req-2', model: 'a\tb\\c\nd\re', errorCode: '\\N', clientIp: null, ttftMs: 3.4 })].map(line);
    for (const l of lines) expect(l).not.toMatch(/[\n\r]/); // one line per record
    const fields = lines.map((l) => l.split('\t'));
    expect(fields[0]).toHaveLength(columns.length);
    expect(fields[1]).toHaveLength(columns.length); // escaped tabs do not split a line
    const at = (n: number, column: string) => fields[n]![columns.indexOf(column)];
    expect(at(0, 'created_at')).toBe('2026-01-02T03:04:05.000Z');
    expect(at(0, 'namespace_id')).toBe('\\N'); // null
    expect(at(0, 'estimated')).toBe('f');
    expect(at(0, 'latency_ms')).toBe('13');
    expect(at(1, 'model')).toBe('a\\tb\\\\c\\nd\\re');
    expect(at(1, 'error_code')).toBe('\\\\N'); // the text "\N", not a null
    expect(at(1, 'client_ip')).toBe('\\N');
    expect(at(1, 'ttft_ms')).toBe('3');
  });

  it('takes the id it is given (the request\'s own, when the gateway made it), or makes a time-ordered one', () => {
    const id = '019afa8b-1c2d-7e3f-8a9b-0c1d2e3f4a5b';
    expect(line(usageEntry({ id })).split('\t')[0]).toBe(id);
    const made = [line(usageEntry()), line(usageEntry())].map((l) => l.split('\t')[0]!);
    for (const m of made) expect(m).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(made[0]).not.toBe(made[1]);
  });

  it('holds the same values as the row (the embedded database\'s form), whatever the text', () => {
    const shown = (v: unknown) => (v === null ? null : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v));
    const odd = usageEntry({
      requestId: 'r\0q',
      model: 'a\tb\\c\nd\r\0' + 'x'.repeat(300),
      upstreamModel: 'modèle-模型-🚀\t\\',
      ttftMs: 7.5,
      errorCode: 'e\u0001\u007f',
      clientIp: null,
      inputTokens: -1,
      outputTokens: 2_000_000_000,
      latencyMs: 1e12,
      status: 1234,
      bodies: { request: '{"a":"\\n"}\t' + 'é'.repeat(400), response: 'plain', truncated: true },
    });
    const at = (ms: number) => usageEntry({ createdAt: new Date(Date.UTC(2026, 11, 31, 23, 59, 59) + ms) });
    for (const e of [usageEntry(), odd, at(7), at(999), at(1000), at(1042), at(7), usageEntry({ inputTokens: 0, outputTokens: 9, latencyMs: 10, ttftMs: 99.5 })]) {
      const fields = line(e).split('\t').map(unescape);
      expect(fields.slice(1)).toEqual(Object.values(usageRow(e)).slice(1).map(shown)); // the id is made anew each time
    }
  });
});

describe('COPY lines of requests served alike', () => {
  const shown = (v: unknown) => (v === null ? null : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v));
  const values = (e: UsageEntry) => line(e).split('\t').map(unescape);
  const row = (e: UsageEntry) => Object.values(usageRow(e)).map(shown);

  it('writes each record\'s own key, route, upstream and model, however many alike came before', () => {
    const fields = ['keyId', 'namespaceId', 'routeId', 'sourceId', 'instanceId', 'operation', 'model', 'upstreamModel'] as const;
    const base = usageEntry({ id: '00000000-0000-7000-8000-000000000001' });
    // the same as the last one, then each field changed alone (null too), then 20 models in turn and back
    const entries = [base, { ...base }, ...fields.map((f, i) => ({ ...base, [f]: i % 2 ? null : `${f}-other\t` })), ...Array.from({ length: 20 }, (_, i) => ({ ...base, model: `m${i}` })), base];
    for (const e of entries) expect(values(e)).toEqual(row(e));
    const batch = batchOf(entries);
    expect(batch.toString()).toBe(entries.map((e) => line(e) + '\n').join(''));
  });

  it('writes the request id once more when it is the record\'s id, and the client\'s own otherwise', () => {
    const id = '019afa8b-1c2d-7e3f-8a9b-0c1d2e3f4a5b';
    for (const e of [usageEntry({ id, requestId: id }), usageEntry({ id, requestId: 'client-7' }), usageEntry({ requestId: id })]) {
      const v = values(e);
      expect(v.slice(1)).toEqual(row(e).slice(1));
      if (e.id) expect(v[0]).toBe(id);
    }
  });
});

describe('COPY batch', () => {
  const texts = ['plain\tascii', 'café', '模型\t\\N', 'emoji 🚀 and \\\\n', '', 'last'];
  const entries = texts.map((model, i) => usageEntry({ id: `00000000-0000-7000-8000-00000000000${i}`, model }));

  it('is the lines of its records, each ended by a newline, UTF-8 encoded', () => {
    const batch = batchOf(entries);
    expect(batch.size).toBe(texts.length);
    const expected = entries.map((e) => line(e) + '\n').join('');
    expect(Buffer.concat(batch.chunks()).equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(batch.toString()).toBe(expected);
    expect(batch.toString().split('\n').slice(0, -1).map((l) => unescape(l.split('\t')[columns.indexOf('model')]!))).toEqual(texts);
    expect(new CopyBatch().chunks().length).toBe(0);
  });

  it('takes records past its first chunk of memory without losing or reordering a byte', () => {
    const big = 'x'.repeat(50_000) + '模型🚀';
    const many = Array.from({ length: 40 }, (_, i) =>
      usageEntry({ id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, requestId: `req-${i}`, bodies: { request: i % 3 ? big : 'small', response: null, truncated: false } }),
    );
    const batch = batchOf(many);
    expect(batch.chunks().length).toBeGreaterThan(1);
    expect(Buffer.concat(batch.chunks()).equals(Buffer.from(many.map((e) => line(e) + '\n').join(''), 'utf8'))).toBe(true);
    const bodies = batch.toString().split('\n').slice(0, -1).map((l) => l.split('\t')[columns.indexOf('request_body')]);
    expect(bodies).toEqual(many.map((e) => e.bodies!.request));
  });

  it('splits into one batch per record, each its own line (a refused batch is retried so)', () => {
    const rows = batchOf(entries).split();
    expect(rows.map((r) => r.size)).toEqual(texts.map(() => 1));
    expect(rows.map((r) => r.toString())).toEqual(entries.map((e) => line(e) + '\n'));
    // a split record takes more without writing into its neighbour's bytes
    const [first, second] = rows as [CopyBatch, CopyBatch];
    first.add(entries[5]!);
    expect(first.toString()).toBe(line(entries[0]!) + '\n' + line(entries[5]!) + '\n');
    expect(second.toString()).toBe(line(entries[1]!) + '\n');
  });
});
