import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { requestIdFor } from '@aigw/server-kit/request-id';
import { hostOf } from '../limits/namespace-resolver.js';
import { writeError } from '../relay/client-response.js';
import type { DomainEntry, Edge } from './edge.js';

export interface EdgeSettings {
  strictHosts: boolean;
  trustProxy: boolean;
  /** The HTTPS port clients reach, while the HTTPS listener is on; null otherwise (no redirects then). */
  httpsPort: () => number | null;
}

const HSTS = 'max-age=31536000';
const PREFLIGHT_MAX_AGE_S = '600';

/** The caller's address as Fastify's `request.ip` has it: the first X-Forwarded-For entry behind a trusted proxy. */
function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0]!.trim() : '';
  return first || req.socket.remoteAddress || '';
}

function refuse(req: IncomingMessage, res: ServerResponse, error: GatewayError): true {
  writeError(res, requestIdFor(req), error);
  return true;
}

function redirectToHttps(req: IncomingMessage, res: ServerResponse, host: string, port: number): true {
  res.writeHead(308, { location: `https://${host}${port === 443 ? '' : `:${port}`}${req.url ?? '/'}`, 'content-length': 0 });
  res.end();
  return true;
}

/** CORS of a domain with `cors_origins`: a listed origin gets its headers (a preflight is answered here), another 403. */
function applyCors(req: IncomingMessage, res: ServerResponse, cors: NonNullable<DomainEntry['cors']>): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  if (!cors.any && !cors.origins.has(origin)) {
    return refuse(req, res, new GatewayError('origin_not_allowed', `Origin ${origin} may not call this domain`));
  }
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
  const method = req.headers['access-control-request-method'];
  if (req.method !== 'OPTIONS' || !method) return false;
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type',
    'access-control-max-age': PREFLIGHT_MAX_AGE_S,
    'content-length': 0,
  });
  res.end();
  return true;
}

/**
 * The domain rules, applied to every request (HTTP and HTTPS, data plane and admin API) before any
 * routing or authentication: client address allow-list, HTTP -> HTTPS redirect, HSTS, CORS, and in
 * strict mode 421 for unknown hosts on the data plane (the admin API, dashboard, /health and /metrics
 * stay reachable on any host, so operators cannot lock themselves out). Returns true when it answered
 * the request itself. Without domains it costs one size check.
 */
export function applyEdgeRules(req: IncomingMessage, res: ServerResponse, edge: Edge, isDataPlane: () => boolean, settings: EdgeSettings): boolean {
  if (edge.domains.size === 0) return false;
  const host = hostOf(req.headers);
  const domain = edge.domainFor(host);
  if (!domain) {
    if (!settings.strictHosts || !isDataPlane()) return false;
    return refuse(req, res, new GatewayError('unknown_host', `This gateway serves no domain named ${host ?? '(no Host header)'}`));
  }
  if (domain.allowedIps && !domain.allowedIps(clientIp(req, settings.trustProxy))) {
    return refuse(req, res, new GatewayError('ip_not_allowed', `Your address may not call ${domain.hostname}`));
  }
  const encrypted = (req.socket as TLSSocket).encrypted === true;
  if (!encrypted && domain.redirectHttps) {
    const port = settings.httpsPort();
    if (port !== null) return redirectToHttps(req, res, host!, port);
  }
  if (encrypted && domain.hsts) res.setHeader('strict-transport-security', HSTS);
  return domain.cors !== null && applyCors(req, res, domain.cors);
}
