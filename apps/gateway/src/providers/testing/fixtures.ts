// Helpers for the adapters' specs: pure (the specs read their own fixture files).
import type { ClientRequest, Operation, PreparedTarget, ProviderAdapter, SseEvent, StreamTranslator, UpstreamTarget } from '../adapter.js';

/** A JSON client request as the relay hands it over: the client's bytes, parsed, no rename. */
export function clientRequest(json: Record<string, unknown>, overrides: Partial<ClientRequest> = {}): ClientRequest {
  return {
    operation: 'chat' as Operation,
    model: typeof json.model === 'string' ? json.model : '',
    renamed: false,
    stream: json.stream === true,
    raw: Buffer.from(JSON.stringify(json)),
    json,
    multipart: null,
    ...overrides,
  };
}

/** A target as the snapshot prepares it: the adapter's static headers computed once. */
export function preparedTarget(adapter: ProviderAdapter, overrides: Partial<UpstreamTarget> = {}): PreparedTarget {
  const target: UpstreamTarget = { basePath: '/v1', search: '', apiKey: 'sk-upstream', extraHeaders: {}, options: {}, ...overrides };
  return { ...target, headers: adapter.headers(target) };
}

/** A recorded SSE transcript -> events, per the SSE rules (blank line ends an event, `:` comments, data lines joined by \n). */
export function parseSseTranscript(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  let event: string | undefined;
  let data: string[] = [];
  const flush = () => {
    if (data.length > 0) events.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') });
    event = undefined;
    data = [];
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') flush();
    else if (line.startsWith(':')) continue;
    else if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  flush();
  return events;
}

/** Feeds every event through the translator, then ends it; returns all the text it emitted. */
export function runStream(translator: StreamTranslator, events: readonly SseEvent[]): string {
  return events.map((e) => translator.push(e)).join('') + translator.end();
}

/** What a client reads from our SSE text: each `data:` payload, JSON-parsed except `[DONE]`. */
export function parseEmitted(text: string): unknown[] {
  const out: unknown[] = [];
  for (const block of text.split('\n\n')) {
    if (block === '') continue;
    if (!block.startsWith('data: ') || block.includes('\n')) throw new Error(`not one data line: ${JSON.stringify(block)}`);
    const payload = block.slice(6);
    out.push(payload === '[DONE]' ? '[DONE]' : (JSON.parse(payload) as unknown));
  }
  return out;
}

/** The JSON body an UpstreamCall carries. */
export function bodyJson(body: unknown): unknown {
  if (typeof body === 'string') return JSON.parse(body) as unknown;
  if (Buffer.isBuffer(body)) return JSON.parse(body.toString('utf8')) as unknown;
  throw new Error('body is not JSON text');
}
