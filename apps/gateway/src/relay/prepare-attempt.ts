import type { Readable } from 'node:stream';
import type { ClientRequest, Operation } from '../providers/adapter.js';
import type { Candidate } from '../snapshot/routing-snapshot.js';
import type { PreparedAttempt } from './forwarder.js';
import { SseTap } from './sse-tap.js';

/** A client request as read by the relay, before a candidate is chosen. */
export interface IncomingRequest {
  model: string;
  stream: boolean;
  raw: Buffer | null;
  json: Record<string, unknown>;
  multipart: { body: Readable; contentType: string } | null;
  /** Frees what reading the body held (a multipart spool file). */
  release?: () => Promise<void>;
}

const USAGE_REPORTING: ReadonlySet<Operation> = new Set(['chat', 'completions']);

/**
 * A pass-through OpenAI stream reports its usage only when asked: ask even if the client did not
 * (the tap then removes the extra chunk from what the client sees).
 */
function askForUsage(incoming: IncomingRequest): { json: Record<string, unknown>; raw: Buffer; clientAsked: boolean } {
  const options = incoming.json.stream_options;
  const clientAsked = typeof options === 'object' && options !== null && (options as { include_usage?: unknown }).include_usage === true;
  if (clientAsked) return { json: incoming.json, raw: incoming.raw!, clientAsked };
  const json = { ...incoming.json, stream_options: { ...(typeof options === 'object' ? options : {}), include_usage: true } };
  return { json, raw: Buffer.from(JSON.stringify(json)), clientAsked };
}

/** The upstream call for one candidate of a model route: its adapter translates (or passes bytes through). */
export function prepareOperation(operation: Operation, incoming: IncomingRequest, candidate: Candidate): PreparedAttempt {
  const { instance } = candidate;
  const model = candidate.upstreamModel ?? incoming.model;
  const capability = instance.adapter.capabilities[operation]!;
  const tapped = !capability.stream && incoming.stream && incoming.raw !== null && USAGE_REPORTING.has(operation) ? askForUsage(incoming) : null;
  const req: ClientRequest = {
    operation,
    model,
    renamed: model !== incoming.model,
    stream: incoming.stream,
    raw: tapped?.raw ?? incoming.raw,
    json: tapped?.json ?? incoming.json,
    multipart: incoming.multipart,
  };
  let call = capability.request(req, instance.target);
  if (candidate.path) call = { ...call, path: instance.target.basePath + candidate.path + instance.target.search };
  return {
    call,
    shaping: {
      json: capability.response && !req.stream ? (body) => capability.response!(body, req) : undefined,
      stream: capability.stream && req.stream ? capability.stream(req) : undefined,
      tap: tapped ? new SseTap(!tapped.clientAsked) : undefined,
    },
    replayable: incoming.multipart === null,
  };
}

/**
 * A path route (seed 000's task routes such as `/embed/text/bge`) is a plain reverse proxy: the body
 * goes to the target's path (or the same path) under the instance URL, unchanged but for the model.
 */
export function preparePassThrough(requestPath: string, contentType: string | undefined, incoming: IncomingRequest, candidate: Candidate): PreparedAttempt {
  const { target } = candidate.instance;
  const renamed = candidate.upstreamModel !== undefined && candidate.upstreamModel !== incoming.model;
  const body = renamed ? JSON.stringify({ ...incoming.json, model: candidate.upstreamModel }) : incoming.raw;
  return {
    call: {
      method: 'POST',
      path: target.basePath + (candidate.path ?? requestPath) + target.search,
      headers: contentType ? { ...target.headers, 'content-type': contentType } : target.headers,
      body,
    },
    shaping: {},
    replayable: true,
  };
}
