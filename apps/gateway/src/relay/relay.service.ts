import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CapabilityStatus } from '@aigw/shared/health';
import type { OpenAiModelList } from '@aigw/shared/openai/models';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { requestIdMadeHere } from '@aigw/server-kit/request-id';
import { toGatewayError } from '@aigw/server-kit/to-gateway-error';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { InstanceHealthRegistry } from '../health/instance-health.registry.js';
import { KeyUsageTracker } from '../keys/key-usage.tracker.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { Operation } from '../providers/adapter.js';
import type { GovernanceUnit } from '../snapshot/governance.js';
import type { Candidate, KeyEntry, NamespaceEntry, RouteEntry } from '../snapshot/routing-snapshot.js';
import { checkAccess, outputCap } from '../limits/access-check.js';
import { LimiterService } from '../limits/limiter.service.js';
import { resolveNamespace } from '../limits/namespace-resolver.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { capMaxTokens } from '../tokens/request-shaping.js';
import { UsageRecorder } from '../usage/usage.recorder.js';
import { KeyHashCache, authenticateApiKey } from './api-key-auth.js';
import { writeError } from './client-response.js';
import type { Endpoint } from './endpoints.js';
import { namespaceFromPrefix } from './data-plane-server.js';
import { Forwarder, type ForwardRequest, type ForwardResult, type PreparedAttempt } from './forwarder.js';
import { parseJsonBody } from './json-body.js';
import { readMultipartModel } from './multipart-body.js';
import { BodyCapture, keptRequestBody } from './body-capture.js';
import { estimateInputTokens } from './input-tokens.js';
import { RelayMetrics } from './relay-metrics.js';
import { prepareOperation, preparePassThrough, TEXT_STREAMING, type IncomingRequest, type StreamOutputLimit } from './prepare-attempt.js';

/** A concurrency slot outlives a replica that died holding it by at most this long. */
const LEASE_MS = 15 * 60_000;

interface Identity {
  key: KeyEntry;
  namespace: NamespaceEntry | null;
}

interface Planned {
  route: RouteEntry;
  incoming: IncomingRequest;
  serves: ForwardRequest['serves'];
  prepare: (candidate: Candidate, body: IncomingRequest, outputLimit?: StreamOutputLimit) => PreparedAttempt;
}

/** Reads the body and matches a route; `keep` hands the body over as soon as it is read, to be released whatever happens. */
type PlanFor = (identity: Identity, keep: (incoming: IncomingRequest) => IncomingRequest) => Promise<Planned>;

/**
 * What to bill and settle: the upstream's report; else an estimate, marked (a stream cut short is
 * billed for the events it delivered, never zero); nothing for requests that got no answer.
 */
function tokensUsed(result: ForwardResult, estimatedInput: () => number) {
  if (result.usage) return { input: result.usage.prompt_tokens ?? 0, output: result.usage.completion_tokens ?? 0, estimated: false };
  // A client that left is billed for what reached the upstream; one that left before any attempt, for nothing.
  const answered = result.status < 300 || (result.status === 499 && result.attempts > 0) || result.produced > 0;
  return answered ? { input: estimatedInput(), output: result.produced, estimated: true } : { input: 0, output: 0, estimated: true };
}

/**
 * The policy's output cap becomes the request's max tokens (streams are also cut live, for upstreams
 * that ignore it). Only chat and completions bodies have such a field.
 */
function withOutputCap(operation: Operation | 'path', incoming: IncomingRequest, cap: number | null): IncomingRequest {
  if (cap === null || incoming.raw === null || operation === 'path' || !TEXT_STREAMING.has(operation)) return incoming;
  const { json, changed } = capMaxTokens(incoming.json, cap);
  return changed ? { ...incoming, json, raw: Buffer.from(JSON.stringify(json)) } : incoming;
}

/** The units of the key, the namespace and the route, copied only when more than one of them has any. */
function unitsFor(key: readonly GovernanceUnit[], namespace: readonly GovernanceUnit[] | undefined, route: readonly GovernanceUnit[]): readonly GovernanceUnit[] {
  if (namespace?.length) return [...key, ...namespace, ...route];
  if (route.length === 0) return key;
  return key.length === 0 ? route : [...key, ...route];
}

const modelNotFound = (model: string) =>
  new GatewayError('model_not_found', `The model \`${model}\` does not exist or you do not have access to it.`, { param: 'model' });

function assertAllowed(key: KeyEntry, model: string): void {
  if (!key.models.matches(model)) throw new GatewayError('model_not_allowed', `This API key may not use the model \`${model}\``, { param: 'model' });
}

/**
 * The data plane: identify -> read -> match -> forward (balance, adapt, fail over) -> settle.
 * No database on this path: keys and routes come from the in-memory snapshot.
 */
@Injectable()
export class RelayService {
  private readonly keyHashes = new KeyHashCache();

  constructor(
    private readonly snapshots: SnapshotService,
    private readonly forwarder: Forwarder,
    private readonly health: InstanceHealthRegistry,
    private readonly metrics: MetricsService,
    private readonly keyUsage: KeyUsageTracker,
    private readonly usage: UsageRecorder,
    private readonly limiter: LimiterService,
    private readonly relayMetrics: RelayMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An OpenAI endpoint: the body's `model` picks the route (the namespace's own routes first). */
  handle(endpoint: Endpoint, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const op = endpoint.operation;
    return this.relay(endpoint.path, op, request, reply, async ({ key, namespace }, keep) => {
      const incoming = keep(endpoint.body === 'json' ? this.readJson(request, op) : await this.readMultipart(request));
      assertAllowed(key, incoming.model);
      const route = this.snapshots.current.routeForModel(incoming.model, request.headers, namespace?.id ?? null);
      if (!route) throw modelNotFound(incoming.model);
      return { route, incoming, serves: (c) => c.instance.operations.has(op), prepare: (c, body, limit) => prepareOperation(op, body, c, limit) };
    });
  }

  /** Any other POST: a path route, if one matches (seed 000's task routes); otherwise 404. */
  handlePath(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const path = request.url.split('?')[0]!;
    return this.relay('path-route', 'path', request, reply, async ({ key, namespace }, keep) => {
      const route = this.snapshots.current.routeForPath(path, request.headers, namespace?.id ?? null);
      if (!route) throw new GatewayError('not_found', `Cannot POST ${path}`);
      const incoming = keep(this.readAny(request));
      // A key limited to some models may call a path route naming one of them, or the path itself.
      assertAllowed(key, incoming.model || path);
      return { route, incoming, serves: () => true, prepare: (c, body) => preparePassThrough(path, request.headers['content-type'], body, c) };
    });
  }

  /** `GET /v1/models`: the models the calling key may use. */
  models(request: FastifyRequest): OpenAiModelList {
    const snapshot = this.snapshots.current;
    const key = authenticateApiKey(request.headers, snapshot, Date.now(), this.keyHashes);
    const namespace = resolveNamespace(snapshot, key, { headers: request.headers, byPrefix: namespaceFromPrefix(request.raw) });
    const data = snapshot
      .listModels(namespace?.id ?? null)
      .filter((m) => key.models.matches(m.id))
      .map((m) => ({ id: m.id, object: 'model' as const, created: m.created, owned_by: m.ownedBy }));
    return { object: 'list', data };
  }

  /** `GET /v1/<capability>/status` (seed 003): how many instances can serve it now, for this key's models. */
  capabilityStatus(operation: Operation, request: FastifyRequest): CapabilityStatus {
    const snapshot = this.snapshots.current;
    const key = authenticateApiKey(request.headers, snapshot, Date.now(), this.keyHashes);
    const namespace = resolveNamespace(snapshot, key, { headers: request.headers, byPrefix: namespaceFromPrefix(request.raw) });
    const instances = snapshot.upstreams().filter((u) => u.operations.has(operation));
    const available = instances.filter((u) => this.health.usable(u.id, u.policy) && this.health.view(u.id).state !== 'unhealthy').length;
    const capable = new Set(instances.map((u) => u.id));
    const models = snapshot.modelsServedBy((instanceId) => capable.has(instanceId), namespace?.id ?? null).filter((m) => key.models.matches(m));
    return {
      capability: operation,
      status: available === 0 ? 'down' : available < instances.length ? 'degraded' : 'ok',
      available_instances: available,
      total_instances: instances.length,
      models,
    };
  }

  /**
   * identify (key, namespace) -> read and match (the endpoint's plan) -> govern (policies, output cap,
   * limits) -> forward (balance, adapt, fail over) -> settle (real token counts, usage record).
   */
  private async relay(metricRoute: string, operation: Operation | 'path', request: FastifyRequest, reply: FastifyReply, plan: PlanFor): Promise<void> {
    void reply.hijack();
    const startedAt = performance.now();
    this.relayMetrics.started();
    const arrivedAt = new Date();
    let clientIp: string | undefined;
    const ip = () => (clientIp ??= request.ip);
    let status: number;
    let identity: Identity | undefined;
    let planned: Planned | undefined;
    let read: IncomingRequest | undefined;
    let result: ForwardResult | undefined;
    let errorCode: string | null = null;
    let tokens = { input: 0, output: 0, estimated: true };
    let bodies: { request: BodyCapture; response: BodyCapture } | undefined;
    try {
      const snapshot = this.snapshots.current;
      const key = authenticateApiKey(request.headers, snapshot, Date.now(), this.keyHashes);
      identity = { key, namespace: resolveNamespace(snapshot, key, { headers: request.headers, byPrefix: namespaceFromPrefix(request.raw) }) };
      planned = await plan(identity, (incoming) => (read = incoming));
      const { route, incoming } = planned;
      const units = unitsFor(key.units, identity.namespace?.units, route.units);
      let inputEstimate: number | undefined;
      const estimatedInput = () => (inputEstimate ??= estimateInputTokens(operation, incoming));
      let body = incoming;
      let streamLimit: StreamOutputLimit | undefined;
      if (units.some((u) => u.logBodies)) bodies = { request: keptRequestBody(incoming.raw, request.headers['content-type']), response: new BodyCapture() };
      if (units.length) {
        checkAccess(units, { model: incoming.model || route.name, routeName: route.name, bodyBytes: incoming.raw?.length ?? 0, clientIp: ip });
        const cap = outputCap(units);
        body = withOutputCap(operation, incoming, cap);
        if (cap !== null) streamLimit = { tokens: cap, inputTokens: estimatedInput };
      }
      const admitting = this.limiter.admit(units, { requestId: request.id, keyId: key.id, clientIp: ip, inputTokens: estimatedInput, bodyBytes: incoming.raw?.length ?? 0, now: Date.now(), leaseMs: LEASE_MS });
      const admission = admitting instanceof Promise ? await admitting : admitting;
      this.keyUsage.touch(key.id, Date.now());
      result = await this.forwarder.forward({
        route,
        serves: planned.serves,
        prepare: (c) => planned!.prepare(c, body, streamLimit),
        res: reply.raw,
        requestId: request.id,
        headers: admission.headers,
        clientIp: ip,
        startedAt,
        responseBody: bodies?.response,
      });
      status = result.status;
      errorCode = result.error?.code ?? null;
      tokens = tokensUsed(result, estimatedInput);
      admission.settle(tokens);
      if (result.error && result.error.status >= 500) request.log.warn({ code: result.error.code, attempts: result.attempts, route: route.name }, result.error.message);
    } catch (err) {
      const { error, internal } = toGatewayError(err);
      if (internal) request.log.error({ err }, 'relay failed');
      writeError(reply.raw, request.id, error);
      status = error.status;
      errorCode = error.code;
    } finally {
      await read?.release?.().catch(() => undefined);
    }
    const latencyMs = performance.now() - startedAt;
    this.metrics.observeRequest(metricRoute, request.method, status, latencyMs / 1000);
    const candidate = result?.candidate;
    const outcome = result?.outcome;
    const model = read?.model || null;
    const upstreamModel = candidate ? (candidate.upstreamModel ?? model) : null;
    const ttftMs = outcome?.kind === 'completed' ? outcome.ttfbMs : null;
    this.relayMetrics.finished({
      operation,
      instance: candidate?.instance ?? null,
      requestModel: model,
      responseModel: upstreamModel,
      errorType: errorCode,
      seconds: latencyMs / 1000,
      ttftSeconds: ttftMs === null ? null : ttftMs / 1000,
      upstreamSeconds: result?.upstreamMs == null ? null : result.upstreamMs / 1000,
      inputTokens: tokens.input,
      outputTokens: tokens.output,
      streamed: read?.stream ?? false,
    });
    if (!this.config.usageRecords) return;
    this.usage.record({
      // A request id the gateway made is a fresh UUID v7 of its arrival: the record can take it as its own.
      id: requestIdMadeHere(request, request.id) ? request.id : undefined,
      requestId: request.id,
      createdAt: arrivedAt,
      keyId: identity?.key.id ?? null,
      namespaceId: identity?.namespace?.id ?? null,
      routeId: planned?.route.id ?? null,
      sourceId: candidate?.instance.sourceId ?? null,
      instanceId: candidate?.instance.id ?? null,
      operation,
      model,
      upstreamModel,
      inputTokens: tokens.input,
      outputTokens: tokens.output,
      estimated: tokens.estimated,
      status,
      errorCode,
      latencyMs,
      ttftMs,
      clientIp: ip(),
      bodies: bodies && { request: bodies.request.text(), response: bodies.response.text(), truncated: bodies.request.truncated || bodies.response.truncated },
    });
  }

  private readJson(request: FastifyRequest, operation: Operation): IncomingRequest {
    if (!Buffer.isBuffer(request.body)) throw new GatewayError('unsupported_media_type', 'This endpoint takes a JSON body (application/json)');
    const { json, model, stream } = parseJsonBody(request.body, operation);
    return { model, stream, raw: request.body, json, multipart: null };
  }

  private async readMultipart(request: FastifyRequest): Promise<IncomingRequest> {
    if (!request.headers['content-type']?.startsWith('multipart/form-data')) {
      throw new GatewayError('unsupported_media_type', 'This endpoint takes a multipart/form-data body');
    }
    const upload = await readMultipartModel(request.raw, this.config.bodyLimit);
    return { model: upload.model, stream: false, raw: null, json: {}, multipart: { body: upload.body, contentType: upload.contentType }, release: upload.release };
  }

  /** Path routes take any body; a JSON one may carry a model (for renaming and key permissions). */
  private readAny(request: FastifyRequest): IncomingRequest {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    let json: Record<string, unknown> = {};
    if (raw.length && request.headers['content-type']?.includes('json')) {
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
      } catch {
        throw new GatewayError('invalid_json', 'Request body is not valid JSON');
      }
    }
    return { model: typeof json.model === 'string' ? json.model : '', stream: json.stream === true, raw, json, multipart: null };
  }
}
