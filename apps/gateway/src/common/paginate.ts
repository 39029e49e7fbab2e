import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ListQuery } from '@aigw/shared/admin/common';

/**
 * Cursor pagination in creation order: `after` is the id of the last row already seen.
 * The builder's alias must be `t` and its table must have `created_at` and `id`.
 */
export async function paginate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, table: string, query: ListQuery): Promise<{ rows: T[]; hasMore: boolean }> {
  if (query.after) {
    qb.andWhere(`(t.created_at, t.id) > (SELECT c.created_at, c.id FROM ${table} c WHERE c.id = :after)`, { after: query.after });
  }
  const rows = await qb.orderBy('t.created_at', 'ASC').addOrderBy('t.id', 'ASC').take(query.limit + 1).getMany();
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}

/**
 * The same, newest first (logs: usage, audit): `after` is the id of the last row already seen.
 * Takes `limit` and `after` alone, so lists with more filters can use it.
 */
export async function paginateNewestFirst<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  table: string,
  query: { limit: number; after?: string },
): Promise<{ rows: T[]; hasMore: boolean }> {
  if (query.after) {
    qb.andWhere(`(t.created_at, t.id) < (SELECT c.created_at, c.id FROM ${table} c WHERE c.id = :after)`, { after: query.after });
  }
  const rows = await qb.orderBy('t.created_at', 'DESC').addOrderBy('t.id', 'DESC').take(query.limit + 1).getMany();
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}
