import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';

/** The most an admin list answers per page. */
export const MAX_PAGE_SIZE = 200;

/**
 * Every item of a `{data, has_more}` list, a page at a time (`?limit=&after=`). For the small
 * catalogues a page shows whole and pickers choose from (sources, routes); `maxPages` stops a
 * runaway loop.
 */
export async function fetchAllPages<T extends { id: string }>(
  fetchPage: (query: Partial<ListQuery>) => Promise<ListResponse<T>>,
  options: { pageSize?: number; maxPages?: number } = {},
): Promise<T[]> {
  const { pageSize = MAX_PAGE_SIZE, maxPages = 50 } = options;
  const items: T[] = [];
  let after: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const { data, has_more } = await fetchPage({ limit: pageSize, after });
    items.push(...data);
    after = data.at(-1)?.id;
    if (!has_more || !after) break;
  }
  return items;
}
