import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role } from '@aigw/shared/admin/auth';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { UsersService } from '../users/users.service.js';
import { AccessTokens } from './access-tokens.js';

export interface AdminPrincipal {
  userId: string;
  email: string;
  role: Role;
}

export type AdminRequest = FastifyRequest & { admin?: AdminPrincipal };

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Every admin call: a valid access token of an existing user; writes need the admin role
 * (viewers read, never write). The role is read from the database, so a demotion applies at once.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AdminRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new GatewayError('invalid_token', 'Missing access token: send Authorization: Bearer <access_token>');
    const claims = await this.accessTokens.verify(token);
    const user = await this.users.findById(claims.userId);
    if (!user) throw new GatewayError('invalid_token', 'Access token belongs to a user that no longer exists');
    if (!READ_METHODS.has(request.method) && user.role !== 'admin') {
      throw new GatewayError('permission_denied', 'This account has the viewer role and cannot make changes');
    }
    request.admin = { userId: user.id, email: user.email, role: user.role };
    return true;
  }
}
