// Provider adapters are pure: no Nest, no database, no store, no network. An adapter turns a client's
// OpenAI-shaped request into an upstream call, and the upstream's answer, stream and errors back
// into OpenAI's. Transport (pools, deadlines, retries, SSE framing) lives once, in relay/.
import type { Readable } from 'node:stream';
import type { GatewayError } from '@aigw/server-kit/gateway-error';

/** The OpenAI endpoints the data plane serves, one capability each. */
export const OPERATIONS = [
  'chat',
  'completions',
  'embeddings',
  'rerank',
  'images_generations',
  'images_edits',
  'audio_speech',
  'audio_transcriptions',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Provider-specific settings of a source. */
export interface SourceOptions {
  /** Azure OpenAI `api-version`. */
  apiVersion?: string;
}

/** One upstream instance as an adapter sees it. */
export interface UpstreamTarget {
  /** Path of the instance URL without a trailing slash, e.g. `/v1`. */
  basePath: string;
  /** Query string of the instance URL (with `?`), or ''. */
  search: string;
  /** The upstream credential, decrypted. */
  apiKey: string | undefined;
  /** The source's extra headers, names lower-cased. */
  extraHeaders: Readonly<Record<string, string>>;
  options: Readonly<SourceOptions>;
}

/** A target with the adapter's static headers (auth, versions) computed once per routing snapshot. */
export interface PreparedTarget extends UpstreamTarget {
  headers: Readonly<Record<string, string>>;
}

/** One client request as the relay hands it over. */
export interface ClientRequest {
  operation: Operation;
  /** The model to ask the upstream for (a route's rename applied). */
  model: string;
  /** True when `model` differs from the model in the client's body. */
  renamed: boolean;
  stream: boolean;
  /** JSON operations: the client's bytes, forwarded as they are when nothing needs to change. */
  raw: Buffer | null;
  /** JSON operations: the parsed body. Empty for multipart operations. */
  json: Record<string, unknown>;
  /** Multipart operations: the client's body, streamed through, and its content type (with boundary). */
  multipart: { body: Readable; contentType: string } | null;
}

export interface UpstreamCall {
  method: 'POST' | 'GET';
  /** Path and query, relative to the instance's origin. */
  path: string;
  headers: Readonly<Record<string, string>>;
  body: string | Buffer | Readable | null;
}

/** One server-sent event (or one line of an NDJSON stream, as `data`). */
export interface SseEvent {
  event?: string;
  data: string;
}

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Turns one upstream stream into OpenAI `chat.completion.chunk` events. One instance per request. */
export interface StreamTranslator {
  /** One upstream event -> the SSE text to send the client ('' when there is nothing to send). */
  push(event: SseEvent): string;
  /** The upstream ended: what must still be sent, ending with `data: [DONE]\n\n`. */
  end(): string;
  /** The usage the upstream reported, once known. */
  usage(): TokenUsage | undefined;
}

export interface Capability {
  request(req: ClientRequest, target: PreparedTarget): UpstreamCall;
  /** Absent: the upstream's 2xx body already is OpenAI's and passes through byte for byte. */
  response?(body: Buffer, req: ClientRequest): { body: string | Buffer; contentType: string };
  /** Absent: the upstream streams OpenAI's SSE, passed through byte for byte. */
  stream?(req: ClientRequest): StreamTranslator;
}

export interface ProviderAdapter {
  readonly kind: string;
  /** Operations this provider serves; a missing one answers 400 `unsupported_endpoint`. */
  readonly capabilities: Readonly<Partial<Record<Operation, Capability>>>;
  /** Headers for every call to a target (credentials, versions). Called once per snapshot, not per request. */
  headers(target: UpstreamTarget): Record<string, string>;
  /** What an active health probe asks: a GET path relative to the instance URL. */
  readonly healthPath: string;
  /** An upstream non-2xx answer -> the gateway's error (upstream 401/403 -> 502 upstream_auth_error). */
  error(status: number, body: Buffer, contentType: string | undefined): GatewayError;
}
