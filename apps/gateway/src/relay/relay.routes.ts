import type { FastifyInstance } from 'fastify';
import { ENDPOINTS, STATUS_ENDPOINTS } from './endpoints.js';
import { readBodyWithLimit } from './read-body.js';
import type { RelayService } from './relay.service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A data-plane route: answers API clients, so no browser security headers. */
    dataPlane?: boolean;
    /** The handler records its own request metrics (hijacked replies skip Fastify's response hooks). */
    metricsByHandler?: boolean;
  }
}

/**
 * The data plane's routes, on its own Fastify instance (see DataPlaneServer): no Nest guards, pipes or hooks
 * (ARCHITECTURE.md, "The hot path"). JSON bodies arrive as raw bytes whatever their content type:
 * parsed once by the relay, forwarded unchanged when nothing in them changes. Multipart bodies are
 * left unread for the relay to stream. Hijacked routes record their own metrics.
 */
export function registerRelayRoutes(app: FastifyInstance, relay: RelayService, bodyLimit: number): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null, undefined));
    scope.addContentTypeParser('*', (_request, payload, done) => readBodyWithLimit(payload, bodyLimit, done));
    const own = { config: { dataPlane: true, metricsByHandler: true } };
    const plain = { config: { dataPlane: true } };
    for (const endpoint of ENDPOINTS) scope.post(endpoint.path, own, (request, reply) => relay.handle(endpoint, request, reply));
    scope.post('/*', own, (request, reply) => relay.handlePath(request, reply));
    scope.get('/v1/models', plain, (request, reply) => reply.header('x-request-id', request.id).send(relay.models(request)));
    for (const status of STATUS_ENDPOINTS) {
      scope.get(status.path, plain, (request, reply) => reply.header('x-request-id', request.id).send(relay.capabilityStatus(status.operation, request)));
    }
  });
}
