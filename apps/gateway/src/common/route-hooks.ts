import type { FastifyInstance, onRequestHookHandler, onResponseHookHandler } from 'fastify';
// Nest's own resolver (helmet 8's defaults, validated): the headers are computed once, at start-up.
import { resolveSecurityHeaders } from '@nestjs/core/security/security-headers.js';
import type { MetricsService } from '../metrics/metrics.service.js';

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Hooks attached per route, when the route is registered, instead of root hooks that would run and
 * branch on every request:
 * - admin API and dashboard routes get the browser security headers (strict CSP, no framing,
 *   nosniff, no referrer) and `x-request-id`; HSTS is not among them: it is sent per domain, over
 *   HTTPS only, for domains that ask for it (domains/edge-rules.ts); data-plane routes (`config.dataPlane`) answer API
 *   clients and set `x-request-id` themselves;
 * - every route not recording its own metrics (`config.metricsByHandler`) counts its requests.
 * Must be called before any route is registered.
 */
export function registerRouteHooks(app: FastifyInstance, metrics: MetricsService): void {
  const { headers, removeHeaders } = resolveSecurityHeaders({
    contentSecurityPolicy: { directives: { frameAncestors: "'none'", upgradeInsecureRequests: null, styleSrc: ["'self'", "'unsafe-inline'"] } },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
  const browserHeaders: onRequestHookHandler = (request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    for (const name of removeHeaders) reply.raw.removeHeader(name);
    reply.raw.setHeader('x-request-id', request.id);
    done();
  };
  app.addHook('onRoute', (route) => {
    if (!route.config?.dataPlane) route.onRequest = [...asArray(route.onRequest), browserHeaders];
    if (!route.config?.metricsByHandler) {
      const pattern = route.url;
      const count: onResponseHookHandler = (request, reply, done) => {
        metrics.observeRequest(pattern, request.method, reply.statusCode, reply.elapsedTime / 1000);
        done();
      };
      route.onResponse = [...asArray(route.onResponse), count];
    }
  });
}
