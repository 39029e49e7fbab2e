import { describe, expect, it } from 'vitest';
import { formatCompact, isolatedPoints, linePath, niceCeiling, ticks } from './chart-scale';

describe('niceCeiling', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0, 0.3, 1, 3, 7, 11, 21, 240, 999, 1001].map(niceCeiling)).toEqual([1, 0.5, 1, 5, 10, 20, 25, 250, 1000, 2000]);
  });

  it('gives 1 for nothing to show', () => {
    expect(niceCeiling(Number.NaN)).toBe(1);
    expect(niceCeiling(-3)).toBe(1);
  });
});

describe('ticks', () => {
  it('spaces count + 1 values from zero to the top', () => {
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(1, 2)).toEqual([0, 0.5, 1]);
  });
});

describe('linePath', () => {
  const x = (i: number) => i * 10;
  const y = (v: number) => 100 - v;

  it('joins consecutive values', () => {
    expect(linePath([1, 2, 3], x, y)).toBe('M0,99L10,98L20,97');
  });

  it('breaks the line at missing values', () => {
    expect(linePath([1, null, 5, 6, null], x, y)).toBe('M0,99M20,95L30,94');
    expect(linePath([null, null], x, y)).toBe('');
  });
});

describe('isolatedPoints', () => {
  it('finds the values with a gap (or the edge) on both sides', () => {
    expect(isolatedPoints([1, null, 5, 6, null, 0])).toEqual([0, 5]);
    expect(isolatedPoints([3])).toEqual([0]);
    expect(isolatedPoints([null, 1, 2])).toEqual([]);
  });
});

describe('formatCompact', () => {
  it('shortens thousands and millions', () => {
    expect([950, 1200, 3_400_000].map(formatCompact)).toEqual(['950', '1.2K', '3.4M']);
  });
});
