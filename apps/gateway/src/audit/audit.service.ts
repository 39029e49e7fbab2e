import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditEntry, AuditListQueryParsed, AuditOutcome } from '@aigw/shared/admin/audit';
import type { ListResponse } from '@aigw/shared/admin/common';
import { paginateNewestFirst } from '../common/paginate.js';
import { AuditLogEntity } from './audit-log.entity.js';
import { redact } from './redact.js';

export interface AuditStart {
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  before: unknown;
  requestId: string | null;
  clientIp: string | null;
}

export interface AuditEnd {
  outcome: Exclude<AuditOutcome, 'pending'>;
  status: number;
  errorCode?: string | null;
  after?: unknown;
  /** Known only afterwards: the id of a created resource, the user who logged in. */
  resourceId?: string | null;
  actorId?: string | null;
  action?: string;
}

const toEntry = (a: AuditLogEntity): AuditEntry => ({
  id: a.id,
  created_at: a.createdAt.toISOString(),
  actor_id: a.actorId,
  actor_email: a.actorEmail,
  action: a.action,
  resource_type: a.resourceType,
  resource_id: a.resourceId,
  before: a.before ?? null,
  after: a.after ?? null,
  outcome: a.outcome,
  status: a.status,
  error_code: a.errorCode,
  request_id: a.requestId,
  client_ip: a.clientIp,
});

/** The audit log: written ahead of each change (`begin`), completed with its outcome (`complete`). Secrets never reach it. */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(AuditLogEntity);
  }

  /** Records a change about to be made; throws when the log cannot be written. */
  async begin(start: AuditStart): Promise<string> {
    const id = randomUUID();
    await this.repo.insert({
      id,
      actorId: start.actorId,
      actorEmail: start.actorEmail,
      action: start.action,
      resourceType: start.resourceType,
      resourceId: start.resourceId,
      before: redact(start.before ?? null),
      after: null,
      outcome: 'pending',
      status: null,
      errorCode: null,
      requestId: start.requestId,
      clientIp: start.clientIp,
    });
    return id;
  }

  async complete(id: string, end: AuditEnd): Promise<void> {
    await this.repo.update(
      { id, outcome: 'pending' },
      {
        outcome: end.outcome,
        status: end.status,
        errorCode: end.errorCode ?? null,
        after: redact(end.after ?? null),
        ...(end.resourceId !== undefined && end.resourceId !== null ? { resourceId: end.resourceId } : {}),
        ...(end.actorId !== undefined && end.actorId !== null ? { actorId: end.actorId } : {}),
        ...(end.action ? { action: end.action } : {}),
      },
    );
  }

  async list(query: AuditListQueryParsed): Promise<ListResponse<AuditEntry>> {
    const qb = this.repo.createQueryBuilder('t');
    if (query.actor_id) qb.andWhere('t.actor_id = :actorId', { actorId: query.actor_id });
    if (query.resource_type) qb.andWhere('t.resource_type = :resourceType', { resourceType: query.resource_type });
    if (query.resource_id) qb.andWhere('t.resource_id = :resourceId', { resourceId: query.resource_id });
    if (query.action) qb.andWhere('t.action = :action', { action: query.action });
    if (query.outcome) qb.andWhere('t.outcome = :outcome', { outcome: query.outcome });
    if (query.from) qb.andWhere('t.created_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('t.created_at < :to', { to: query.to });
    const { rows, hasMore } = await paginateNewestFirst(qb, 'audit_log', query);
    return { data: rows.map(toEntry), has_more: hasMore };
  }
}
