import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Logger } from 'pino';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { toGatewayError } from '@aigw/server-kit/to-gateway-error';
import type { AdminRequest } from '../auth/admin.guard.js';
import { sha256Hex } from '../crypto/tokens.js';
import { UsersService } from '../users/users.service.js';
import { deriveAuditSpec, type AuditSpec } from './audit-action.js';
import { AuditResources } from './audit-resources.js';
import { AUDIT_METADATA, type AuditMetadata } from './audit.decorator.js';
import { AuditService } from './audit.service.js';

interface Actor {
  id: string | null;
  email: string | null;
}

const bodyField = (body: unknown, name: string): string | null => {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : null;
};
const idOf = (result: unknown): string | null => {
  const id = result && typeof result === 'object' ? (result as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
};

/**
 * Audits every admin change: each non-GET handler under /api/admin (action derived from the route
 * unless `@Audit(...)` names it) and the handlers marked `@Audit` elsewhere (login, logout).
 *
 * Write-ahead: a `pending` row (actor, action, the resource as it was) is inserted BEFORE the handler
 * runs; if that insert fails, the change is refused with 503, so no change is ever made unaudited.
 * Afterwards the row is completed with the outcome, the status and the resource as it now is (or the
 * error code). If only that second write fails the change stands and the row stays `pending`, which
 * still says who attempted what. Failed calls are kept (outcome `failed`): attempts matter too.
 * Calls the AdminGuard refuses (no token, viewer writing) never reach an interceptor and are not
 * audited: they change nothing.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
    private readonly resources: AuditResources,
    private readonly users: UsersService,
    private readonly db: DataSource,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AdminRequest>();
    const spec = this.specFor(context, request);
    if (!spec) return next.handle();
    return from(this.audited(spec, context, request, next));
  }

  private specFor(context: ExecutionContext, request: AdminRequest): AuditSpec | null {
    const meta = this.reflector.get<AuditMetadata | undefined>(AUDIT_METADATA, context.getHandler());
    if (meta === false) return null;
    const derived = deriveAuditSpec(request.method, request.routeOptions?.url);
    if (meta) return { action: meta.action, resourceType: meta.resourceType ?? derived?.resourceType ?? null };
    return derived;
  }

  private async audited(spec: AuditSpec, context: ExecutionContext, request: AdminRequest, next: CallHandler): Promise<unknown> {
    const isAuth = spec.action.startsWith('auth.');
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const resourceId = params.id ?? null;
    const before = isAuth ? null : await this.resources.load(spec.resourceType, resourceId);
    const actor = await this.actorFor(spec, request);
    let rowId: string;
    try {
      rowId = await this.audit.begin({
        actorId: actor.id,
        actorEmail: actor.email,
        action: spec.action,
        resourceType: spec.resourceType,
        resourceId,
        before,
        requestId: request.id,
        clientIp: request.ip ?? null,
      });
    } catch (err) {
      this.log.error({ err, action: spec.action, request_id: request.id }, 'audit log unavailable; change refused');
      throw new GatewayError('service_unavailable', 'The audit log cannot be written, so the change was not made; try again shortly');
    }

    let result: unknown;
    try {
      result = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (err) {
      const { error } = toGatewayError(err);
      await this.complete(rowId, {
        outcome: 'failed',
        status: error.status,
        errorCode: error.code,
        ...(spec.action === 'auth.login' ? { action: 'auth.login_failed' } : {}),
      });
      throw err;
    }

    const id = resourceId ?? idOf(result);
    let after: unknown = null;
    let actorId: string | null = null;
    if (spec.action === 'auth.login') {
      actorId = actor.email ? ((await this.users.findByEmail(actor.email).catch(() => null))?.id ?? null) : null;
    } else if (!isAuth) {
      after = this.resources.has(spec.resourceType) ? await this.resources.load(spec.resourceType, id) : (result ?? null);
    }
    await this.complete(rowId, { outcome: 'succeeded', status: this.successStatus(context, request), after, resourceId: isAuth ? actorId : id, actorId });
    return result;
  }

  private async complete(rowId: string, end: Parameters<AuditService['complete']>[1]): Promise<void> {
    try {
      await this.audit.complete(rowId, end);
    } catch (err) {
      this.log.error({ err, audit_id: rowId }, 'could not complete an audit entry; it stays pending');
    }
  }

  /** The admin of the JWT; for login, the email tried; for logout, the owner of the refresh token. */
  private async actorFor(spec: AuditSpec, request: AdminRequest): Promise<Actor> {
    if (request.admin) return { id: request.admin.userId, email: request.admin.email };
    if (spec.action === 'auth.login') return { id: null, email: bodyField(request.body, 'email')?.toLowerCase() ?? null };
    if (spec.action === 'auth.logout') {
      const token = bodyField(request.body, 'refresh_token');
      if (!token) return { id: null, email: null };
      const rows = (await this.db
        .query('SELECT u.id, u.email FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1', [sha256Hex(token)])
        .catch(() => [])) as Array<{ id: string; email: string }>;
      return { id: rows[0]?.id ?? null, email: rows[0]?.email ?? null };
    }
    return { id: null, email: null };
  }

  private successStatus(context: ExecutionContext, request: AdminRequest): number {
    return this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
  }
}
