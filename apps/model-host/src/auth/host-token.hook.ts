import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { bearerToken, tokensMatch } from './host-token.js';
import './public-route.decorator.js';

const challenge = { 'www-authenticate': 'Bearer' };

/**
 * Every request but the `@Public()` routes needs `Authorization: Bearer <MODEL_HOST_TOKEN>`.
 * A Fastify hook rather than a Nest guard, so unknown paths and the routes registered straight on
 * Fastify (the model proxy) are covered as well.
 */
export function hostTokenHook(expected: string): onRequestAsyncHookHandler {
  return async (request: FastifyRequest) => {
    if (request.routeOptions.config?.public) return;
    const given = bearerToken(request.headers.authorization);
    if (given === undefined) {
      throw new GatewayError('invalid_token', 'Missing host token: send Authorization: Bearer <MODEL_HOST_TOKEN>', { headers: challenge });
    }
    if (!tokensMatch(given, expected)) throw new GatewayError('invalid_token', 'Invalid host token', { headers: challenge });
  };
}
