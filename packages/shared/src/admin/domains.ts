import { z } from 'zod';
import type { IsoTime } from './common.js';

/** `api.example.com`, or `*.example.com` for exactly one more label (`x.example.com`, not `a.b.example.com`). */
export const domainHostnameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a host name such as api.example.com or *.example.com');

/** `https://app.example.com` (scheme, host, optional port; no path), or `*` for any origin. */
const origin = z
  .string()
  .trim()
  .max(300)
  .regex(/^(\*|https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?)$/, 'must be an origin such as https://app.example.com, or *');

/** `10.0.0.0/8`, `192.168.1.7`, `2001:db8::/32`: checked for real by the gateway. */
const cidr = z.string().trim().min(2).max(64).regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'must be an IP address or a CIDR range');

/**
 * `POST /api/admin/domains`. A request's Host picks its domain (exact name before wildcard); the
 * domain's namespace then applies (its routes first, then the global ones), unless the API key has a
 * namespace of its own, in which case a different one is refused (403 `namespace_mismatch`).
 * Edge rules run before authentication, on the data plane and the admin API alike:
 * - `allowed_ips`: other client addresses get 403 `ip_not_allowed`;
 * - `cors_origins`: a browser request from another origin gets 403 `origin_not_allowed`; listed
 *   origins get preflights answered and `Access-Control-Allow-Origin`;
 * - `redirect_https`: plain-HTTP requests get a 308 to the same URL on HTTPS (while the HTTPS listener is on);
 * - `hsts`: HTTPS responses carry `Strict-Transport-Security: max-age=31536000`.
 * With `STRICT_HOSTS=true` and at least one domain, data-plane requests for other hosts get 421
 * `unknown_host` (the admin API, dashboard, /health and /metrics answer on any host).
 */
export const createDomainSchema = z.strictObject({
  hostname: domainHostnameSchema,
  /** Absent or null: the global routes only. */
  namespace_id: z.uuid().nullable().optional(),
  /** Absent or null: chosen by SNI among the certificates' names (then the default certificate). */
  certificate_id: z.uuid().nullable().optional(),
  enabled: z.boolean().default(true),
  redirect_https: z.boolean().default(false),
  hsts: z.boolean().default(false),
  /** Empty: no per-domain CORS (the gateway-wide CORS_ORIGINS still applies to the admin API). */
  cors_origins: z.array(origin).max(100).default([]),
  /** Empty: any client address. */
  allowed_ips: z.array(cidr).max(500).default([]),
});
export type CreateDomainRequest = z.input<typeof createDomainSchema>;
export type CreateDomainParsed = z.output<typeof createDomainSchema>;

export const updateDomainSchema = z.strictObject({
  hostname: domainHostnameSchema.optional(),
  namespace_id: z.uuid().nullable().optional(),
  certificate_id: z.uuid().nullable().optional(),
  enabled: z.boolean().optional(),
  redirect_https: z.boolean().optional(),
  hsts: z.boolean().optional(),
  cors_origins: z.array(origin).max(100).optional(),
  allowed_ips: z.array(cidr).max(500).optional(),
});
export type UpdateDomainRequest = z.input<typeof updateDomainSchema>;
export type UpdateDomainParsed = z.output<typeof updateDomainSchema>;

export interface Domain {
  id: string;
  hostname: string;
  namespace_id: string | null;
  certificate_id: string | null;
  enabled: boolean;
  redirect_https: boolean;
  hsts: boolean;
  cors_origins: string[];
  allowed_ips: string[];
  created_at: IsoTime;
  updated_at: IsoTime;
}
