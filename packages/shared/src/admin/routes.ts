import { z } from 'zod';
import { modelGlobSchema } from './common.js';
import { limitsSchema, type Limits } from './limits.js';

export const strategySchema = z.enum(['round_robin', 'weighted_random', 'least_connections', 'ip_hash']);
export type Strategy = z.infer<typeof strategySchema>;

export const routeTargetSchema = z.strictObject({
  source_id: z.uuid(),
  weight: z.number().int().min(0).max(1000).default(1),
  /** Upstream model name; absent: the requested name is sent unchanged. */
  model: z.string().min(1).max(200).optional(),
  path: z.string().startsWith('/').max(1024).optional(),
});
export type RouteTarget = z.infer<typeof routeTargetSchema>;

export const routeMatchSchema = z
  .strictObject({
    models: z.array(modelGlobSchema).max(500).optional(),
    paths: z.array(z.string().startsWith('/').max(1024)).max(100).optional(),
    headers: z.record(z.string().min(1).max(200), z.string().max(1024)).optional(),
  })
  .refine((m) => (m.models?.length ?? 0) + (m.paths?.length ?? 0) > 0, 'match needs at least one model or path');
export type RouteMatch = z.infer<typeof routeMatchSchema>;

export const createRouteSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  match: routeMatchSchema,
  targets: z.array(routeTargetSchema).min(1, 'a route needs at least one target').max(100),
  strategy: strategySchema.default('round_robin'),
  fallback: z.array(routeTargetSchema).max(100).optional(),
  priority: z.number().int().min(-1000).max(1000).default(0),
  enabled: z.boolean().default(true),
  /** Null or absent: a global route, usable from every namespace. */
  namespace_id: z.uuid().nullable().optional(),
  limits: limitsSchema.optional(),
  policy_ids: z.array(z.uuid()).max(50).optional(),
});
export type CreateRouteRequest = z.input<typeof createRouteSchema>;
export type CreateRouteParsed = z.output<typeof createRouteSchema>;

export const updateRouteSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  match: routeMatchSchema.optional(),
  targets: z.array(routeTargetSchema).min(1).max(100).optional(),
  strategy: strategySchema.optional(),
  fallback: z.array(routeTargetSchema).max(100).optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
  enabled: z.boolean().optional(),
  namespace_id: z.uuid().nullable().optional(),
  limits: limitsSchema.optional(),
  policy_ids: z.array(z.uuid()).max(50).optional(),
});
export type UpdateRouteRequest = z.input<typeof updateRouteSchema>;
export type UpdateRouteParsed = z.output<typeof updateRouteSchema>;

export interface Route {
  id: string;
  name: string;
  match: RouteMatch;
  targets: RouteTarget[];
  strategy: Strategy;
  fallback: RouteTarget[];
  priority: number;
  enabled: boolean;
  namespace_id: string | null;
  limits: Limits;
  policy_ids: string[];
  created_at: string;
  updated_at: string;
}
