import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer; unscripted requests get the default echo behaviour. */
export interface ScriptedResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before sending headers. */
  delayMs?: number;
  /** Never answer (until the client gives up). */
  hang?: boolean;
  /** Answer as SSE with these `data:` payloads (objects are JSON-encoded), then `[DONE]`. */
  events?: unknown[];
  /** Pause between SSE events. */
  eventDelayMs?: number;
  /** Destroy the socket after this many events (a mid-stream failure). */
  dropAfterEvents?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The exact bytes received. */
  raw: Buffer;
  body: string;
  json: unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A mock OpenAI-compatible upstream of our own, for tests: echo chat (JSON and SSE, with
 * `stream_options.include_usage`), /v1/models, and scripted answers for errors, slowness, hangs
 * and mid-stream drops. Records what it received and which responses the client abandoned.
 */
export class MockOpenAI {
  readonly requests: RecordedRequest[] = [];
  /** Responses the client closed before they were complete. */
  abandoned = 0;
  private readonly script: ScriptedResponse[] = [];
  private readonly sockets = new Set<import('node:net').Socket>();

  private readonly server: Server;
  readonly name: string;

  /** Off for load tests: recording every request would grow without bound. */
  private readonly record: boolean;

  private constructor(name: string, record: boolean) {
    this.name = name;
    this.record = record;
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(options: { port?: number; name?: string; record?: boolean } = {}): Promise<MockOpenAI> {
    const mock = new MockOpenAI(options.name ?? 'mock', options.record ?? true);
    await new Promise<void>((resolve, reject) => {
      mock.server.once('error', reject);
      mock.server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    mock.boundPort = (mock.server.address() as AddressInfo).port;
    return mock;
  }

  /** The port it listens (or listened) on: restart a killed upstream on the same one with `start({ port })`. */
  get port(): number {
    return this.boundPort;
  }

  private boundPort = 0;

  /** Base URL as a source instance takes it. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  nextResponse(...responses: ScriptedResponse[]): void {
    this.script.push(...responses);
  }

  /** Drops the scripted answers no request has taken (e.g. those meant for requests a limit refused). */
  clearScript(): void {
    this.script.length = 0;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const body = raw.toString('utf8');
    let json: unknown = null;
    try {
      json = body ? JSON.parse(body) : null;
    } catch {
      json = null;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    if (this.record) this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, raw, body, json });
    res.on('close', () => {
      if (!res.writableFinished) this.abandoned += 1;
    });

    const scripted = this.script.shift();
    if (scripted) return this.answerScripted(scripted, res);
    if (path.endsWith('/models')) return this.send(res, 200, { object: 'list', data: [{ id: 'mock-model', object: 'model', created: 0, owned_by: this.name }] });
    if (path.endsWith('/chat/completions')) return this.chat(json as ChatBody | null, res);
    if (path.endsWith('/health')) return this.send(res, 200, { status: 'ok' });
    if (path.endsWith('/completions')) return this.completion(json as { model?: string; prompt?: unknown }, res);
    if (path.endsWith('/embeddings') || path.endsWith('/embed')) return this.embeddings(json as EmbeddingsBody, res);
    if (path.endsWith('/rerank')) return this.rerank(json as RerankBody, res);
    if (path.endsWith('/images/generations')) return this.send(res, 200, { created: 1_700_000_000, data: [{ b64_json: Buffer.from(`image of ${(json as { prompt?: string })?.prompt}`).toString('base64') }] });
    if (path.endsWith('/audio/speech')) return this.speech(json as { input?: string }, res);
    if (path.endsWith('/images/edits') || path.endsWith('/audio/transcriptions')) return this.upload(raw, req.headers['content-type'] ?? '', path, res);
    return this.send(res, 404, { error: { message: `mock has no ${path}`, type: 'invalid_request_error', param: null, code: null } });
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
    res.end(text);
  }

  private async answerScripted(s: ScriptedResponse, res: ServerResponse): Promise<void> {
    if (s.hang) return; // the socket stays open until the client gives up
    if (s.delayMs) await sleep(s.delayMs);
    if (s.events) return this.sse(res, s.events, s.eventDelayMs ?? 0, s.dropAfterEvents, s.headers);
    this.send(res, s.status ?? 200, s.body ?? {}, s.headers);
  }

  private async sse(res: ServerResponse, events: unknown[], delayMs: number, dropAfter?: number, headers: Record<string, string> = {}): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
    // A drop cuts the connection after the events before it have surely reached the client.
    const drop = async () => {
      await new Promise<void>((resolve) => res.write('', () => resolve()));
      await sleep(50);
      res.socket?.destroy();
    };
    for (const [i, event] of events.entries()) {
      if (dropAfter !== undefined && i >= dropAfter) return drop();
      if (res.destroyed) return;
      res.write(`data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`);
      if (delayMs) await sleep(delayMs);
    }
    if (dropAfter !== undefined && dropAfter >= events.length) return drop();
    res.end('data: [DONE]\n\n');
  }

  private completion(body: { model?: string; prompt?: unknown } | null, res: ServerResponse): void {
    const text = `${this.name} completes: ${typeof body?.prompt === 'string' ? body.prompt : JSON.stringify(body?.prompt)}`;
    this.send(res, 200, {
      id: 'cmpl-mock',
      object: 'text_completion',
      created: 1_700_000_000,
      model: body?.model ?? 'unknown',
      choices: [{ index: 0, text, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
  }

  private embeddings(body: EmbeddingsBody | null, res: ServerResponse): void {
    const inputs = Array.isArray(body?.input) ? body.input : [body?.input ?? ''];
    const data = inputs.map((text, index) => {
      const vector = mockEmbedding(String(text));
      const embedding = body?.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    this.send(res, 200, { object: 'list', data, model: body?.model ?? 'unknown', usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } });
  }

  private rerank(body: RerankBody | null, res: ServerResponse): void {
    const words = new Set((body?.query ?? '').toLowerCase().split(/\W+/).filter(Boolean));
    const docs = (body?.documents ?? []).map((d) => (typeof d === 'string' ? d : d.text));
    const results = docs
      .map((text, index) => ({ index, relevance_score: text.toLowerCase().split(/\W+/).filter((w) => words.has(w)).length / Math.max(1, words.size) }))
      .sort((a, b) => b.relevance_score - a.relevance_score)
      .slice(0, body?.top_n ?? docs.length);
    this.send(res, 200, { model: body?.model ?? 'unknown', results, usage: { total_tokens: docs.length } });
  }

  private async speech(body: { input?: string } | null, res: ServerResponse): Promise<void> {
    const audio = mockSpeech(body?.input ?? '');
    res.writeHead(200, { 'content-type': 'audio/mpeg' });
    for (let i = 0; i < audio.length; i += 8192) {
      res.write(audio.subarray(i, i + 8192));
      await sleep(1);
    }
    res.end();
  }

  /** Multipart uploads: answers what arrived (size, model, a checksum of the bytes). */
  private upload(raw: Buffer, contentType: string, path: string, res: ServerResponse): void {
    const model = /name="model"\r\n\r\n([^\r]*)\r\n/.exec(raw.toString('latin1'))?.[1] ?? null;
    const sum = raw.reduce((acc, b) => (acc * 31 + b) >>> 0, 7);
    const summary = { bytes: raw.length, model, checksum: sum, multipart: contentType.startsWith('multipart/form-data') };
    if (path.endsWith('/audio/transcriptions')) this.send(res, 200, { text: JSON.stringify(summary) });
    else this.send(res, 200, { created: 1_700_000_000, data: [{ b64_json: Buffer.from(JSON.stringify(summary)).toString('base64') }] });
  }

  private chat(body: ChatBody | null, res: ServerResponse): Promise<void> | void {
    const model = body?.model ?? 'unknown';
    const last = body?.messages?.at(-1)?.content;
    const content = `${this.name} echo: ${typeof last === 'string' ? last : JSON.stringify(last)}`;
    const words = content.split(' ');
    const usage = { prompt_tokens: 5, completion_tokens: words.length, total_tokens: 5 + words.length };
    const id = 'chatcmpl-mock';
    if (!body?.stream) {
      return this.send(res, 200, {
        id,
        object: 'chat.completion',
        created: 1_700_000_000,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage,
      });
    }
    const withUsage = body.stream_options?.include_usage === true;
    const chunk = (delta: object, finish: string | null) => ({
      id,
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
      ...(withUsage ? { usage: null } : {}),
    });
    const events: unknown[] = [
      chunk({ role: 'assistant', content: '' }, null),
      ...words.map((w, i) => chunk({ content: i === 0 ? w : ` ${w}` }, null)),
      chunk({}, 'stop'),
    ];
    if (withUsage) events.push({ id, object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [], usage });
    return this.sse(res, events, 0);
  }
}

/** A deterministic 8-dimension unit vector from the text: equal texts, equal vectors. */
export function mockEmbedding(text: string): number[] {
  const v = Array.from({ length: 8 }, (_, i) => {
    let h = 2166136261 ^ i;
    for (let c = 0; c < text.length; c++) h = Math.imul(h ^ text.charCodeAt(c), 16777619);
    return ((h >>> 0) % 1000) / 1000 - 0.5;
  });
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => Math.fround(x / norm));
}

/** The bytes the mock's `/audio/speech` answers for an input: 40 KiB derived from the text. */
export function mockSpeech(input: string): Buffer {
  const out = Buffer.alloc(40 * 1024);
  for (let i = 0; i < out.length; i++) out[i] = (input.charCodeAt(i % Math.max(1, input.length)) + i) & 255;
  return out;
}

interface EmbeddingsBody {
  model?: string;
  input?: string | string[];
  encoding_format?: 'float' | 'base64';
}

interface RerankBody {
  model?: string;
  query?: string;
  documents?: Array<string | { text: string }>;
  top_n?: number;
}

interface ChatBody {
  model?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages?: Array<{ role: string; content: unknown }>;
}
