import { describe, expect, it, vi } from 'vitest';
import { fetchAllPages } from './pagination';

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ id: `id-${from + i}` }));

describe('fetchAllPages', () => {
  it('follows the cursor until has_more is false', async () => {
    const fetchPage = vi.fn(async ({ after }: { after?: string }) => {
      const start = after ? Number(after.slice(3)) + 1 : 0;
      const end = Math.min(start + 2, 5);
      return { data: ids(start, end), has_more: end < 5 };
    });
    expect((await fetchAllPages(fetchPage, { pageSize: 2 })).map((x) => x.id)).toEqual(['id-0', 'id-1', 'id-2', 'id-3', 'id-4']);
    expect(fetchPage.mock.calls.map(([q]) => q)).toEqual([
      { limit: 2, after: undefined },
      { limit: 2, after: 'id-1' },
      { limit: 2, after: 'id-3' },
    ]);
  });

  it('stops on an empty page and after maxPages', async () => {
    expect(await fetchAllPages(async () => ({ data: [], has_more: true }))).toEqual([]);
    const endless = vi.fn(async () => ({ data: [{ id: 'same' }], has_more: true }));
    expect(await fetchAllPages(endless, { maxPages: 3 })).toHaveLength(3);
    expect(endless).toHaveBeenCalledTimes(3);
  });
});
