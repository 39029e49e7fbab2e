import { z } from 'zod';
import { modelGlobSchema } from './common.js';
import { limitsSchema, type Limits } from './limits.js';

/** `10.0.0.0/8`, `192.168.1.7`, `2001:db8::/32`: checked for real by the gateway. */
const cidr = z.string().trim().min(2).max(64).regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'must be an IP address or a CIDR range');

/**
 * A reusable set of rules attached to API keys, namespaces or routes (`policy_ids` on them).
 * Everything that applies to a request must pass: allowed lists intersect, denied lists add up,
 * and the tightest limit wins.
 */
export const createPolicySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(1000).optional(),
  /** Model globs a request may use; absent: any. */
  allowed_models: z.array(modelGlobSchema).max(500).optional(),
  denied_models: z.array(modelGlobSchema).max(500).optional(),
  /** Route names a request may use; absent: any. */
  allowed_routes: z.array(z.string().min(1).max(200)).max(500).optional(),
  denied_routes: z.array(z.string().min(1).max(200)).max(500).optional(),
  limits: limitsSchema.optional(),
  /**
   * Who shares the policy's counters: `subject` — everything the policy is attached to that the
   * request came through (one key, one namespace, one route); `key` — each API key separately;
   * `client_ip` — each client address separately.
   */
  limit_by: z.enum(['subject', 'key', 'client_ip']).default('subject'),
  max_request_bytes: z.number().int().min(1).max(1024 ** 3).optional(),
  /** Client addresses allowed; absent: any. */
  allowed_ips: z.array(cidr).max(500).optional(),
  /** Keep each request's and response's body (up to 64 KiB each) with its usage record. Off by default. */
  log_bodies: z.boolean().optional(),
});
export type CreatePolicyRequest = z.input<typeof createPolicySchema>;
export type CreatePolicyParsed = z.output<typeof createPolicySchema>;

/** Any field may be left out (kept as it is); the optional lists and limits may be `null`: back to "any" / none. */
export const updatePolicySchema = createPolicySchema.partial().extend({
  description: z.string().max(1000).nullable().optional(),
  allowed_models: z.array(modelGlobSchema).max(500).nullable().optional(),
  allowed_routes: z.array(z.string().min(1).max(200)).max(500).nullable().optional(),
  max_request_bytes: z.number().int().min(1).max(1024 ** 3).nullable().optional(),
  allowed_ips: z.array(cidr).max(500).nullable().optional(),
});
export type UpdatePolicyRequest = z.input<typeof updatePolicySchema>;
export type UpdatePolicyParsed = z.output<typeof updatePolicySchema>;

export interface Policy {
  id: string;
  name: string;
  description: string | null;
  allowed_models: string[] | null;
  denied_models: string[];
  allowed_routes: string[] | null;
  denied_routes: string[];
  limits: Limits;
  limit_by: 'subject' | 'key' | 'client_ip';
  max_request_bytes: number | null;
  allowed_ips: string[] | null;
  log_bodies: boolean;
  created_at: string;
  updated_at: string;
}

/** `GET /api/admin/keys/{id}/effective-policy`: what applies to a key before a route adds its own. */
export interface EffectivePolicy {
  key_id: string;
  namespace_id: string | null;
  allowed_models: string[] | null;
  denied_models: string[];
  allowed_routes: string[] | null;
  denied_routes: string[];
  /** Each limit at its tightest, and where it comes from. */
  limits: Array<{ name: keyof Limits; value: number | string; from: string }>;
  max_request_bytes: number | null;
  allowed_ips: string[] | null;
}
