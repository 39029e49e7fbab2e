import { z } from 'zod';

const positiveInt = z.number().int().positive();

/** One limits object, wherever limits attach (key, namespace, route, policy). Absent = unlimited. */
export const limitsSchema = z.strictObject({
  requests_per_second: positiveInt.optional(),
  requests_per_minute: positiveInt.optional(),
  concurrent_requests: positiveInt.optional(),
  input_tokens_per_minute: positiveInt.optional(),
  output_tokens_per_minute: positiveInt.optional(),
  tokens_per_day: positiveInt.optional(),
  tokens_per_month: positiveInt.optional(),
  max_output_tokens: positiveInt.optional(),
  on_store_failure: z.enum(['closed', 'open']).optional(),
});
export type Limits = z.infer<typeof limitsSchema>;
