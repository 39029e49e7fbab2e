import type { IncomingHttpHeaders } from 'node:http';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { AccessTokens } from '../auth/access-tokens.js';
import { KeyHashCache, authenticateApiKey } from '../relay/api-key-auth.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { UsersService } from '../users/users.service.js';

/** An admin access token is a JWT (three dot-separated parts); API keys (`sk-...`) have no dots. */
function presentsApiKey(headers: IncomingHttpHeaders): boolean {
  if (typeof headers['x-api-key'] === 'string' && headers['x-api-key']) return true;
  const auth = headers.authorization;
  if (!auth || !/^bearer\s/i.test(auth)) return false;
  return auth.slice(7).trim().split('.').length !== 3;
}

/**
 * Endpoints both the dashboard and API clients call (`/api/tokens/count`): an admin access token of an
 * existing user (any role: nothing is changed), or an API key of the data plane, checked against the
 * routing snapshot like a relay request (no database on that path).
 */
@Injectable()
export class AdminOrApiKeyGuard implements CanActivate {
  private readonly keyHashes = new KeyHashCache();

  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly users: UsersService,
    private readonly snapshots: SnapshotService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { headers } = context.switchToHttp().getRequest<FastifyRequest>();
    if (presentsApiKey(headers)) {
      authenticateApiKey(headers, this.snapshots.current, Date.now(), this.keyHashes);
      return true;
    }
    const auth = headers.authorization;
    if (!auth || !/^bearer\s/i.test(auth)) {
      throw new GatewayError('missing_api_key', 'No credentials: send Authorization: Bearer <admin access token or API key>, or x-api-key: sk-...');
    }
    const claims = await this.accessTokens.verify(auth.slice(7).trim());
    if (!(await this.users.findById(claims.userId))) throw new GatewayError('invalid_token', 'Access token belongs to a user that no longer exists');
    return true;
  }
}
