import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Pool } from 'undici';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { CatalogService } from '../catalog/catalog.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { MODEL_PROCESS_HOST } from '../runtimes/presets.js';
import { servedNameOf, SupervisorService } from '../supervisor/supervisor.service.js';
import { ModelProxyHandler, type ProxyOutcome } from './proxy-handler.js';

/** How long a model may think before its first byte, and between two bytes. */
const UPSTREAM_TIMEOUT_MS = 600_000;

export interface OpenAiModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  /** The host's model id (the `id` is the served name clients send). */
  root: string;
  runtime: string;
}

/** `/v1/*` and `/local/*`: picks the running model named by `model` and streams the request to it. */
@Injectable()
export class ProxyService implements OnApplicationShutdown {
  private readonly pools = new Map<string, { key: string; pool: Pool }>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly supervisor: SupervisorService,
    private readonly metrics: MetricsService,
  ) {}

  /** The running models, OpenAI's list shape. */
  models(): { object: 'list'; data: OpenAiModel[] } {
    const data: OpenAiModel[] = [];
    for (const model of this.catalog.list()) {
      if (this.supervisor.peek(model.id)?.state !== 'running') continue;
      data.push({ id: servedNameOf(model), object: 'model', created: Math.floor(Date.parse(model.created_at) / 1000), owned_by: 'model-host', root: model.id, runtime: model.runtime });
    }
    return { object: 'list', data };
  }

  async forward(upstreamPath: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const body = request.body instanceof Buffer ? request.body : Buffer.alloc(0);
    const { id, port } = this.resolve(body);
    const pool = this.poolFor(id, port);
    void reply.hijack();
    const res = reply.raw;
    const outcome = await new Promise<ProxyOutcome>((resolve) => {
      const handler = new ModelProxyHandler(res, request.id, id, resolve);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': request.id };
      if (typeof request.headers.accept === 'string') headers.accept = request.headers.accept;
      pool.dispatch({ method: 'POST', path: upstreamPath, headers, body, headersTimeout: UPSTREAM_TIMEOUT_MS, bodyTimeout: UPSTREAM_TIMEOUT_MS }, handler);
    });
    if (outcome.kind === 'failed' && !outcome.afterHeaders) this.writeError(res, request.id, outcome.error);
    const status = outcome.kind === 'completed' ? outcome.status : outcome.kind === 'client_closed' ? 499 : outcome.afterHeaders ? 200 : outcome.error.status;
    this.metrics.proxiedRequest(id, status);
  }

  /** `model` -> a running model's id and port; OpenAI errors for everything else. */
  private resolve(body: Buffer): { id: string; port: number } {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new GatewayError('invalid_json', 'Request body is not valid JSON');
    }
    const name = (parsed as { model?: unknown } | null)?.model;
    if (typeof name !== 'string' || !name) throw new GatewayError('invalid_request', 'model: a model name is required', { param: 'model' });
    const model = this.catalog.find(name) ?? this.catalog.list().find((m) => servedNameOf(m) === name);
    if (!model) throw new GatewayError('model_not_found', `The model \`${name}\` does not exist on this host`, { param: 'model' });
    const runner = this.supervisor.peek(model.id);
    const state = runner?.state ?? 'stopped';
    if (state === 'starting') {
      throw new GatewayError('model_not_ready', `The model \`${name}\` is starting; retry shortly`, { headers: { 'retry-after': '2' } });
    }
    if (state !== 'running' || runner?.port == null) throw new GatewayError('model_not_found', `The model \`${name}\` is not running on this host (${state})`, { param: 'model' });
    return { id: model.id, port: runner.port };
  }

  private poolFor(id: string, port: number): Pool {
    const key = `${port}`;
    const current = this.pools.get(id);
    if (current?.key === key) return current.pool;
    if (current) void current.pool.close().catch(() => undefined);
    const pool = new Pool(`http://${MODEL_PROCESS_HOST}:${port}`, { keepAliveTimeout: 30_000, connect: { timeout: 10_000 } });
    this.pools.set(id, { key, pool });
    return pool;
  }

  private writeError(res: FastifyReply['raw'], requestId: string, error: GatewayError): void {
    if (res.headersSent || res.destroyed) return;
    const body = JSON.stringify(error.toBody());
    res.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'x-request-id': requestId, ...error.headers });
    res.end(body);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pools.values()].map((p) => p.pool.close()));
    this.pools.clear();
  }
}
