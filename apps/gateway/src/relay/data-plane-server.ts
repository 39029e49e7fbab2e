import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { fastify, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sendError } from '@aigw/server-kit/error-reply';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { namespaceByPathPrefix } from '../limits/namespace-resolver.js';
import type { NamespaceEntry, RoutingSnapshot } from '../snapshot/routing-snapshot.js';

/** The namespace a request's path prefix selected (`/acme/v1/...`), set when the server strips the prefix. */
const prefixed = new WeakMap<IncomingMessage, NamespaceEntry>();

export const namespaceFromPrefix = (req: IncomingMessage): NamespaceEntry | null => prefixed.get(req) ?? null;

function isDataPlanePath(url: string, method: string | undefined, snapshot: RoutingSnapshot): boolean {
  if (url.startsWith('/v1/') || url === '/rerank' || url.startsWith('/rerank?')) return true;
  if (method !== 'POST') return false;
  const query = url.indexOf('?');
  return snapshot.hasPathRoute(query < 0 ? url : url.slice(0, query));
}

/**
 * Does this request belong to the data plane: an OpenAI endpoint, or a POST to a path route? Under a
 * namespace's path prefix (seed 004's matcher), the prefix is stripped and remembered.
 */
export function isDataPlaneRequest(req: IncomingMessage, snapshot: RoutingSnapshot): boolean {
  const url = req.url ?? '/';
  if (isDataPlanePath(url, req.method, snapshot)) return true;
  if (snapshot.namespaceIndex.byPathPrefix.length === 0) return false;
  const match = namespaceByPathPrefix(snapshot.namespaceIndex, url);
  if (!match) return false;
  const rest = url.slice(match[0].length) || '/';
  if (!isDataPlanePath(rest, req.method, snapshot)) return false;
  req.url = rest;
  prefixed.set(req, match[1]);
  return true;
}

/**
 * Runs on every request before dispatch (the domains' edge rules); true when it answered the request.
 * `isDataPlane` is computed on first call: it strips a namespace path prefix from the URL.
 */
export type EdgeStep = (req: IncomingMessage, res: ServerResponse, snapshot: RoutingSnapshot, isDataPlane: () => boolean) => boolean;

/**
 * The data plane runs on a Fastify instance of its own, sharing the port with Nest's: API clients'
 * requests skip the admin side's hooks (Nest's lifecycle hooks, browser security headers), which
 * would otherwise run on every proxied request. One HTTP server dispatches by path.
 */
export class DataPlaneServer {
  readonly app: FastifyInstance;
  private snapshot: (() => RoutingSnapshot) | null = null;
  private edge: EdgeStep | null = null;
  private admin: RequestListener | null = null;

  constructor(options: FastifyServerOptions) {
    this.app = fastify(options);
    this.app.setErrorHandler(sendError);
    this.app.setNotFoundHandler((request, reply) => sendError(new GatewayError('not_found', `Cannot ${request.method} ${request.url.split('?')[0]}`), request, reply));
  }

  /** For Nest's adapter: the one HTTP server, sending data-plane requests here and the rest to `admin`. */
  serverFactory = (admin: RequestListener): Server => {
    this.admin = admin;
    return createServer(this.handle);
  };

  /** Every request, from the HTTP server and the HTTPS listener alike: edge rules, then dispatch by path. */
  readonly handle: RequestListener = (req, res) => {
    const snapshot = this.snapshot?.();
    if (!snapshot) return this.admin!(req, res);
    let dataPlane: boolean | undefined;
    const isDataPlane = () => (dataPlane ??= isDataPlaneRequest(req, snapshot));
    if (this.edge?.(req, res, snapshot, isDataPlane)) return;
    if (isDataPlane()) this.app.routing(req, res);
    else this.admin!(req, res);
  };

  /** Starts dispatching (until then every request goes to the admin side, which is still booting). */
  async start(snapshot: () => RoutingSnapshot, edge: EdgeStep | null = null): Promise<void> {
    await this.app.ready();
    this.edge = edge;
    this.snapshot = snapshot;
  }
}
