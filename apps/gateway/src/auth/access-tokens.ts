import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify, errors } from 'jose';
import type { Role } from '@aigw/shared/admin/auth';
import { APP_CONFIG, RUNTIME_SECRETS } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import type { RuntimeSecrets } from '../config/secrets.js';
import { GatewayError } from '@aigw/server-kit/gateway-error';

export interface AccessClaims {
  userId: string;
  role: Role;
}

const ISSUER = 'aigw';
const AUDIENCE = 'aigw-admin';

/** Short-lived HS256 access tokens for admins. */
@Injectable()
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    @Inject(RUNTIME_SECRETS) secrets: RuntimeSecrets,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = new TextEncoder().encode(secrets.jwtSecret);
  }

  get ttlSeconds(): number {
    return this.config.accessTokenTtlS;
  }

  sign(claims: AccessClaims): Promise<string> {
    return new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.config.accessTokenTtlS}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || (payload.role !== 'admin' && payload.role !== 'viewer')) throw new Error('bad claims');
      return { userId: payload.sub, role: payload.role };
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new GatewayError('token_expired', 'Access token expired; refresh it at POST /auth/refresh');
      throw new GatewayError('invalid_token', 'Access token is invalid');
    }
  }
}
