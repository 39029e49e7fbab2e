import { SetMetadata } from '@nestjs/common';

export const AUDIT_METADATA = 'aigw:audit';

export type AuditMetadata = { action: string; resourceType: string | null } | false;

/**
 * Names the audit action of a handler where the one derived from its route would not say it well
 * (`@Audit('key.revoke', 'key')`), or audits a handler outside /api/admin (`@Audit('auth.login', 'user')`).
 * `@Audit(false)` leaves a handler out. Every other non-GET /api/admin handler is audited anyway.
 */
export const Audit = (action: string | false, resourceType: string | null = null) =>
  SetMetadata(AUDIT_METADATA, action === false ? false : ({ action, resourceType } satisfies AuditMetadata));
