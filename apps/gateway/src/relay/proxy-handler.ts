import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { GatewayError } from '@aigw/server-kit/gateway-error';
import type { StreamTranslator, TokenUsage } from '../providers/adapter.js';
import type { UpstreamInstance } from '../snapshot/routing-snapshot.js';
import type { BodyCapture } from './body-capture.js';
import { headerList, SSE_HEADERS, sseErrorEvent } from './client-response.js';
import { SseParser } from './sse-parser.js';
import type { SseTap } from './sse-tap.js';
import { upstreamFailure } from './upstream-failure.js';

export type ForwardOutcome =
  | { kind: 'completed'; status: number; ttfbMs: number }
  /** The upstream answered non-2xx. Nothing was sent to the client: the caller retries or reports. */
  | { kind: 'upstream_error'; status: number; error: GatewayError }
  /** Transport failure. Before headers nothing was sent (the caller decides); after, the client was told in-band. */
  | { kind: 'failed'; error: GatewayError; afterHeaders: boolean }
  | { kind: 'client_closed' };

/** How the upstream's 2xx answer becomes the client's, for adapters that translate. */
export interface ResponseShaping {
  /** Non-stream answers: the whole upstream body in, the client's body out. */
  json?: (body: Buffer) => { body: string | Buffer; contentType: string };
  /** Stream answers: upstream events in, OpenAI SSE out. */
  stream?: StreamTranslator;
  /** OpenAI streams (passed through or translated): watched for usage and the output limit. */
  tap?: SseTap;
}

/** The largest pass-through JSON answer scanned for its usage (bigger ones are images or audio). */
const MAX_USAGE_SCAN = 1024 * 1024;
const USAGE_KEY = Buffer.from('"usage":');

/** The `usage` object of an OpenAI JSON answer, found without parsing the rest. */
function usageIn(body: Buffer): TokenUsage | undefined {
  const at = body.lastIndexOf(USAGE_KEY);
  if (at < 0) return undefined;
  const start = body.indexOf(123 /* { */, at);
  if (start < 0) return undefined;
  let depth = 0;
  for (let i = start; i < body.length; i++) {
    if (body[i] === 123) depth++;
    else if (body[i] === 125 && --depth === 0) {
      try {
        const usage = JSON.parse(body.subarray(start, i + 1).toString('utf8')) as TokenUsage;
        return typeof usage.prompt_tokens === 'number' || typeof usage.total_tokens === 'number' ? usage : undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const MAX_ERROR_BODY = 64 * 1024;
const MAX_TRANSLATED_BODY = 64 * 1024 * 1024;
const SSE_KEEPALIVE_MS = 15_000;

class ClientClosed extends Error {
  constructor() {
    super('client closed the connection');
  }
}

class OutputLimitReached extends Error {
  constructor() {
    super('the output-token limit was reached');
  }
}

type Mode = 'pass' | 'buffer' | 'translate-stream' | 'error';

/** The client's side of a forwarded request, as the handler answers it. */
export interface ClientSide {
  res: ServerResponse;
  requestId: string;
  startedAt: number;
  /** Extra headers for the answer (the request's rate-limit headers). */
  headers?: Readonly<Record<string, string>>;
  /** Keeps what the client is sent (a policy's `log_bodies`). */
  responseBody?: BodyCapture;
}

/**
 * Streams one upstream response into the client's socket: no buffering, no re-serialising,
 * backpressure passed through (a slow client pauses the upstream). Translating adapters get the
 * body or the events on the way. Non-2xx answers are collected (bounded) for the caller to retry
 * or report. A client that goes away aborts the upstream request.
 */
export class ProxyHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private mode: Mode = 'pass';
  private status = 0;
  private contentType: string | undefined;
  private retryAfter: string | undefined;
  private chunks: Buffer[] = [];
  private bytes = 0;
  private headersSent = false;
  private sse = false;
  private parser: SseParser | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private clientGone = false;
  /** The outcome was reported (a stream cut at its output limit ends before the upstream does). */
  private settled = false;
  private ttfbMs = 0;
  /** Pass-through JSON answers small enough to scan for usage. */
  private scanned: Buffer[] | null = null;
  private reported: TokenUsage | undefined;
  private readonly resume = () => this.controller?.resume();

  private readonly res: ServerResponse;
  private readonly requestId: string;
  private readonly startedAt: number;
  /** Sent with the answer's status line (the rate-limit headers): one header block, no setHeader each. */
  private readonly headers: Readonly<Record<string, string>> | undefined;
  /** What the client is sent, kept when a policy asks (text answers only). */
  private capture: BodyCapture | undefined;

  constructor(
    client: ClientSide,
    private readonly instance: UpstreamInstance,
    private readonly shaping: ResponseShaping,
    private readonly done: (outcome: ForwardOutcome) => void,
  ) {
    const res = client.res;
    this.res = res;
    this.requestId = client.requestId;
    this.startedAt = client.startedAt;
    this.headers = client.headers;
    this.capture = client.responseBody;
    res.once('close', () => {
      if (res.writableFinished) return;
      this.clientGone = true;
      this.controller?.abort(new ClientClosed());
    });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.clientGone) controller.abort(new ClientClosed());
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    this.ttfbMs = performance.now() - this.startedAt;
    this.status = statusCode;
    this.contentType = headers['content-type'];
    if (statusCode < 200 || statusCode >= 300) {
      this.mode = 'error';
      const retryAfter = headers['retry-after'];
      this.retryAfter = typeof retryAfter === 'string' ? retryAfter : undefined;
      return;
    }
    const isSse = this.contentType?.startsWith('text/event-stream') ?? false;
    if (isSse && this.shaping.stream) {
      this.mode = 'translate-stream';
      this.parser = new SseParser();
    } else if (!isSse && this.shaping.json) {
      this.mode = 'buffer';
      return;
    }
    this.sse = isSse;
    // Audio and images are not kept as text.
    if (!isSse && this.mode === 'pass' && !/json|text/.test(this.contentType ?? '')) this.capture = undefined;
    if (!isSse && this.mode === 'pass' && Number(headers['content-length'] ?? 0) <= MAX_USAGE_SCAN && this.contentType?.includes('json')) this.scanned = [];
    const own: (string | number)[] = isSse ? [...SSE_HEADERS] : ['content-type', this.contentType ?? 'application/octet-stream'];
    const length = headers['content-length'];
    if (this.mode === 'pass' && !isSse && length !== undefined) own.push('content-length', length);
    own.push('x-request-id', this.requestId);
    this.res.writeHead(statusCode, headerList(own, this.headers));
    this.headersSent = true;
    if (isSse) this.keepAlive = setTimeout(this.ping, SSE_KEEPALIVE_MS);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.mode === 'error' || this.mode === 'buffer') {
      const cap = this.mode === 'error' ? MAX_ERROR_BODY : MAX_TRANSLATED_BODY;
      if (this.bytes < cap) this.chunks.push(chunk);
      this.bytes += chunk.length;
      return;
    }
    if (this.settled) return;
    this.keepAlive?.refresh();
    this.scanned?.push(chunk);
    const translated = this.mode === 'translate-stream' ? this.translate(chunk) : chunk;
    const tap = this.sse ? this.shaping.tap : undefined;
    const out = tap ? tap.push(typeof translated === 'string' ? Buffer.from(translated) : translated) : translated;
    if (tap?.cut) {
      this.endCut(controller, out as Buffer);
      return;
    }
    this.capture?.push(out);
    if (out.length > 0 && !this.res.write(out)) {
      controller.pause();
      this.res.once('drain', this.resume);
    }
  }

  /** The stream reached its output limit: the client gets its closing chunks, the upstream is aborted. */
  private endCut(controller: Dispatcher.DispatchController, last: Buffer): void {
    clearTimeout(this.keepAlive);
    this.capture?.push(last);
    this.res.end(last);
    this.report({ kind: 'completed', status: this.status, ttfbMs: this.ttfbMs });
    controller.abort(new OutputLimitReached());
  }

  private report(outcome: ForwardOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.done(outcome);
  }

  onResponseEnd(): void {
    clearTimeout(this.keepAlive);
    if (this.settled) return;
    if (this.mode === 'error') {
      const mapped = this.instance.adapter.error(this.status, Buffer.concat(this.chunks), this.contentType);
      // The upstream's Retry-After tells the client when a 429 or 503 is worth retrying.
      const error = this.retryAfter ? mapped.withHeaders({ 'retry-after': this.retryAfter }) : mapped;
      this.report({ kind: 'upstream_error', status: this.status, error });
      return;
    }
    if (this.mode === 'buffer') {
      if (this.bytes > MAX_TRANSLATED_BODY) {
        this.fail(new Error('upstream answer too large to translate'));
        return;
      }
      let shaped: { body: string | Buffer; contentType: string };
      try {
        const body = Buffer.concat(this.chunks);
      shaped = this.shaping.json!(body);
      this.reported = usageIn(Buffer.isBuffer(shaped.body) ? shaped.body : Buffer.from(shaped.body));
      } catch (err) {
        this.fail(err as Error);
        return;
      }
      this.res.writeHead(this.status, headerList(['content-type', shaped.contentType, 'content-length', Buffer.byteLength(shaped.body), 'x-request-id', this.requestId], this.headers));
      this.capture?.push(shaped.body);
      this.res.end(shaped.body);
    } else if (this.mode === 'translate-stream') {
      const events = this.parser!.end();
      let tail = '';
      for (const event of events) tail += this.shaping.stream!.push(event);
      tail += this.shaping.stream!.end();
      const tap = this.shaping.tap;
      const last = tap ? Buffer.concat([tap.push(Buffer.from(tail)), tap.end()]) : tail;
      this.capture?.push(last);
      this.res.end(last);
    } else if (this.sse && this.shaping.tap) {
      const last = this.shaping.tap.end();
      this.capture?.push(last);
      this.res.end(last);
    } else {
      if (this.scanned) this.reported = usageIn(this.scanned.length === 1 ? this.scanned[0]! : Buffer.concat(this.scanned));
      this.res.end();
    }
    this.report({ kind: 'completed', status: this.status, ttfbMs: this.ttfbMs });
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    clearTimeout(this.keepAlive);
    if (this.settled) return;
    if (this.clientGone || err instanceof ClientClosed) {
      this.report({ kind: 'client_closed' });
      return;
    }
    this.fail(err);
  }

  /** The token usage the upstream reported, wherever it was: translated stream, tapped stream, JSON answer. */
  usage(): TokenUsage | undefined {
    return this.shaping.stream?.usage() ?? this.shaping.tap?.usage ?? this.reported;
  }

  /** Output tokens the client got (counted, or roughly its stream events): billed when no usage was reported. */
  produced(): number {
    return this.shaping.tap?.produced() ?? this.translatedEvents;
  }

  private fail(err: Error): void {
    const error = upstreamFailure(err, this.instance.sourceName, this.instance.timeoutMs);
    if (!this.headersSent) {
      this.report({ kind: 'failed', error, afterHeaders: false });
      return;
    }
    if (this.sse && !this.res.destroyed) this.res.end(sseErrorEvent(error));
    else this.res.destroy();
    this.report({ kind: 'failed', error, afterHeaders: true });
  }

  private translatedEvents = 0;

  private translate(chunk: Buffer): string {
    let out = '';
    for (const event of this.parser!.push(chunk)) {
      this.translatedEvents += 1;
      out += this.shaping.stream!.push(event);
    }
    return out;
  }

  /** An idle stream gets a comment now and then, so proxies and clients do not time it out. */
  private readonly ping = () => {
    if (this.res.writableEnded || this.res.destroyed) return;
    this.res.write(': keep-alive\n\n');
    this.keepAlive = setTimeout(this.ping, SSE_KEEPALIVE_MS);
  };
}
