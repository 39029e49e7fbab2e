import { z } from 'zod';
import { isoTimeQuerySchema } from './usage.js';

/** `GET /api/admin/audit`: newest first, `after` is the id of the last entry already seen. */
export const auditListQuerySchema = z
  .strictObject({
    actor_id: z.uuid().optional(),
    resource_type: z.string().min(1).max(100).optional(),
    resource_id: z.string().min(1).max(200).optional(),
    action: z.string().min(1).max(100).optional(),
    outcome: z.enum(['pending', 'succeeded', 'failed']).optional(),
    from: isoTimeQuerySchema.optional(),
    to: isoTimeQuerySchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    after: z.uuid().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from.getTime() > q.to.getTime()) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after `to`' });
  });
export type AuditListQuery = z.input<typeof auditListQuerySchema>;
export type AuditListQueryParsed = z.output<typeof auditListQuerySchema>;

/**
 * - `pending`: written before the change ran; it stays so only if the outcome could not be written
 *   (the change may or may not have happened).
 * - `succeeded` / `failed`: how the call ended.
 */
export type AuditOutcome = 'pending' | 'succeeded' | 'failed';

export interface AuditEntry {
  id: string;
  created_at: string;
  /** The admin who acted; for a failed login, null (the email tried is in `actor_email`). */
  actor_id: string | null;
  actor_email: string | null;
  /** `<resource>.<verb>`: key.create, key.update, key.revoke, source.delete, config.apply, auth.login, auth.login_failed, ... */
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  /** The resource before the change (secrets redacted); null for creates and when unknown. */
  before: unknown;
  /** The resource after the change (secrets redacted); null for deletes and failed calls. */
  after: unknown;
  outcome: AuditOutcome;
  /** The HTTP status of the call. */
  status: number | null;
  error_code: string | null;
  request_id: string | null;
  client_ip: string | null;
}
