import type { Readable } from 'node:stream';
import type { ClientRequest, Operation } from '../providers/adapter.js';
import type { Candidate } from '../snapshot/routing-snapshot.js';
import type { PreparedAttempt } from './forwarder.js';
import { clientAskedForUsage, injectIncludeUsage } from '../tokens/request-shaping.js';
import { SseTap, type OutputLimit } from './sse-tap.js';

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

/** The operations whose streams are OpenAI chunks with usage and text to count. */
export const TEXT_STREAMING: ReadonlySet<Operation> = new Set(['chat', 'completions']);

/** A pass-through stream's request, asking the upstream for its usage even if the client did not (the tap removes that chunk again). */
function askForUsage(incoming: IncomingRequest): { json: Record<string, unknown>; raw: Buffer; clientAsked: boolean } {
  const { json, injected } = injectIncludeUsage(incoming.json);
  return { json, raw: injected ? Buffer.from(JSON.stringify(json)) : incoming.raw!, clientAsked: !injected };
}

/** A policy's output limit on a stream: tokens, and the prompt's count for the usage sent at the cut. */
export type StreamOutputLimit = Omit<OutputLimit, 'model' | 'clientAskedUsage'>;


/**
 * The upstream call for one candidate of a model route: its adapter translates (or passes bytes
 * through). `outputLimit` (tokens) cuts a chat or completions stream live at that many output tokens.
 */
export function prepareOperation(operation: Operation, incoming: IncomingRequest, candidate: Candidate, outputLimit?: StreamOutputLimit): PreparedAttempt {
  const { instance } = candidate;
  const model = candidate.upstreamModel ?? incoming.model;
  const capability = instance.adapter.capabilities[operation]!;
  const textStream = incoming.stream && incoming.raw !== null && TEXT_STREAMING.has(operation);
  const tapped = textStream && !capability.stream ? askForUsage(incoming) : null;
  const req: ClientRequest = {
    operation,
    model,
    renamed: model !== incoming.model,
    stream: incoming.stream,
    raw: tapped?.raw ?? incoming.raw,
    json: tapped?.json ?? incoming.json,
    multipart: incoming.multipart,
  };
  const limit = textStream && outputLimit ? { ...outputLimit, model, clientAskedUsage: tapped?.clientAsked ?? clientAskedForUsage(incoming.json) } : undefined;
  // Translated streams are watched only for a limit: their translator reports the usage itself.
  const tap = tapped ? new SseTap(!tapped.clientAsked, limit) : limit ? new SseTap(false, limit) : undefined;
  let call = capability.request(req, instance.target);
  if (candidate.path) call = { ...call, path: instance.target.basePath + candidate.path + instance.target.search };
  return {
    call,
    shaping: {
      json: capability.response && !req.stream ? (body) => capability.response!(body, req) : undefined,
      stream: capability.stream && req.stream ? capability.stream(req) : undefined,
      tap,
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
