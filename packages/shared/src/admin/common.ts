import { z } from 'zod';

/** `?limit=&after=` cursor pagination, shared by every admin list. */
export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.uuid().optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export interface ListResponse<T> {
  data: T[];
  has_more: boolean;
}

export const idParamSchema = z.uuid();

/** ISO 8601 timestamp in UTC, as every admin response writes times. */
export type IsoTime = string;

/** Model-name globs: `*` any run of characters, `?` one character. */
export const modelGlobSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s]+$/, 'must not contain spaces');
