import { describe, expect, it } from 'vitest';
import { usageListQuerySchema, usageSummaryQuerySchema } from './usage.js';

describe('usage query schemas', () => {
  it('parses times, status ranges and defaults', () => {
    expect(usageListQuerySchema.parse({ from: '2026-01-02', to: '2026-01-03T04:05:06+02:00', status: '5xx', limit: '10' })).toEqual({
      from: new Date('2026-01-02T00:00:00Z'),
      to: new Date('2026-01-03T02:05:06Z'),
      status: { min: 500, max: 599 },
      limit: 10,
    });
    expect(usageListQuerySchema.parse({ status: '429' }).status).toEqual({ min: 429, max: 429 });
    expect(usageListQuerySchema.parse({ status: 'error' }).status).toEqual({ min: 400, max: 599 });
    expect(usageSummaryQuerySchema.parse({})).toEqual({ interval: 'day' });
  });

  it('refuses bad values, naming the field', () => {
    const param = (input: Record<string, string>) => usageListQuerySchema.safeParse(input).error?.issues[0]?.path.join('.');
    expect(param({ from: 'yesterday' })).toBe('from');
    expect(param({ from: '2026-13-01' })).toBe('from');
    expect(param({ to: '2026-01-01T00:00:00' })).toBe('to'); // no offset: ambiguous
    expect(param({ status: '600' })).toBe('status');
    expect(param({ key_id: 'nope' })).toBe('key_id');
    expect(param({ limit: '0' })).toBe('limit');
    expect(param({ from: '2026-02-01', to: '2026-01-01' })).toBe('from');
    expect(param({ surprise: '1' })).toBe('');
    expect(usageSummaryQuerySchema.safeParse({ group_by: 'user' }).error?.issues[0]?.path).toEqual(['group_by']);
    expect(usageSummaryQuerySchema.safeParse({ interval: 'week' }).error?.issues[0]?.path).toEqual(['interval']);
  });
});
