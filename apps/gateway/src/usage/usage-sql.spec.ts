import { describe, expect, it } from 'vitest';
import { SqlParams, summaryRange, toSummaryRow, usageConditions, usagePageSql, usageSummarySql } from './usage-sql.js';

describe('usage SQL', () => {
  it('turns filters into parameterised conditions', () => {
    const p = new SqlParams();
    const where = usageConditions(
      {
        key_id: 'k',
        model: "m'; DROP TABLE x; --",
        status: { min: 500, max: 599 },
        from: new Date('2026-01-01T00:00:00Z'),
        to: new Date('2026-01-02T00:00:00Z'),
      },
      p,
    );
    expect(where).toEqual(['u.key_id = $1', 'u.model = $2', 'u.status BETWEEN $3 AND $4', 'u.created_at >= $5', 'u.created_at < $6']);
    expect(p.values).toEqual(['k', "m'; DROP TABLE x; --", 500, 599, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
  });

  it("looks a request id up in the primary key too when it could be the gateway's own (a UUID)", () => {
    const own = new SqlParams();
    expect(usageConditions({ request_id: '01a25141-9c8e-7501-95c5-cce94bffd2a9' }, own)).toEqual([
      '((u.request_id = $1 AND u.request_id <> u.id::text) OR (u.id = $1::uuid AND u.request_id = $1))',
    ]);
    const theirs = new SqlParams();
    expect(usageConditions({ request_id: "client's-id" }, theirs)).toEqual(['(u.request_id = $1 AND u.request_id <> u.id::text)']);
    expect(theirs.values).toEqual(["client's-id"]);
  });

  it('pages newest first from a cursor, asking for one more row than the limit', () => {
    const sql = usagePageSql({ status: { min: 429, max: 429 } }, 10, 'cursor-id');
    expect(sql.text).toContain('WHERE u.status = $1 AND (u.created_at, u.id) < (SELECT c.created_at, c.id FROM usage_records c WHERE c.id = $2)');
    expect(sql.text).toMatch(/ORDER BY u\.created_at DESC, u\.id DESC LIMIT \$3$/);
    expect(sql.values).toEqual([429, 'cursor-id', 11]);
    expect(usagePageSql({}, 5, undefined).text).not.toContain('WHERE');
  });

  it('groups the summary by a column and a UTC hour or day', () => {
    const sql = usageSummarySql({ key_id: 'k' }, 'source', 'hour');
    expect(sql.text).toContain(`SELECT u.source_id::text AS "group", date_trunc($2, u.created_at, 'UTC') AS bucket`);
    expect(sql.text).toContain('count(*) FILTER (WHERE u.status >= 400) AS errors');
    expect(sql.text).toContain('WHERE u.key_id = $1 GROUP BY 1, 2');
    expect(sql.values).toEqual(['k', 'hour']);
    expect(usageSummarySql({}, undefined, 'day').text).toContain('SELECT NULL::text AS "group"');
  });

  it('defaults the summary range by interval', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(summaryRange('hour', undefined, undefined, now)).toEqual({ from: new Date('2026-02-28T00:00:00Z'), to: now });
    expect(summaryRange('day', undefined, undefined, now).from).toEqual(new Date('2026-01-30T00:00:00Z'));
    const from = new Date('2025-01-01T00:00:00Z');
    expect(summaryRange('day', from, undefined, now)).toEqual({ from, to: now });
  });

  it('reads bigint sums (strings from pg) as numbers', () => {
    expect(toSummaryRow({ group: null, bucket: new Date('2026-01-01T00:00:00Z'), requests: '3', errors: '1', input_tokens: '10', output_tokens: 0 })).toEqual({
      group: null,
      bucket: '2026-01-01T00:00:00.000Z',
      requests: 3,
      errors: 1,
      input_tokens: 10,
      output_tokens: 0,
    });
  });
});
