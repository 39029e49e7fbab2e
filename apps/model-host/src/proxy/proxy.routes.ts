import type { FastifyInstance } from 'fastify';
import { sendError } from '@aigw/server-kit/error-reply';
import type { ProxyService } from './proxy.service.js';

/** Proxied endpoints -> the model process's path. seed 001's `/local/*` names are aliases. */
export const PROXY_ENDPOINTS: ReadonlyArray<readonly [string, string]> = [
  ['/v1/chat/completions', '/v1/chat/completions'],
  ['/v1/completions', '/v1/completions'],
  ['/v1/embeddings', '/v1/embeddings'],
  ['/v1/rerank', '/v1/rerank'],
  ['/local/chat/completions', '/v1/chat/completions'],
  ['/local/completions', '/v1/completions'],
  ['/local/embeddings', '/v1/embeddings'],
  ['/local/rerank', '/v1/rerank'],
];

const BODY_LIMIT = 64 * 1024 * 1024;

/**
 * The model proxy, straight on Fastify (no Nest pipes on the hot path) but behind the same host-token
 * hook. Bodies arrive as raw bytes: `model` is read from them and they are forwarded unchanged.
 */
export function registerProxyRoutes(app: FastifyInstance, proxy: ProxyService): void {
  void app.register(async (scope) => {
    scope.setErrorHandler((err, request, reply) => sendError(err, request, reply));
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));
    for (const [path, upstream] of PROXY_ENDPOINTS) scope.post(path, (request, reply) => proxy.forward(upstream, request, reply));
    for (const path of ['/v1/models', '/local/models']) scope.get(path, (request, reply) => reply.header('x-request-id', request.id).send(proxy.models()));
  });
}
