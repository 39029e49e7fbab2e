import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a mock provider received: path, headers and the parsed JSON body. */
export interface ProviderRequest {
  path: string;
  headers: IncomingMessage['headers'];
  json: Record<string, unknown>;
}

type Handler = (path: string, json: Record<string, unknown>, res: ServerResponse) => void;

const sse = (res: ServerResponse, events: Array<{ event?: string; data: unknown }>) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const e of events) res.write(`${e.event ? `event: ${e.event}\n` : ''}data: ${JSON.stringify(e.data)}\n\n`);
  res.end();
};
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/**
 * Mock servers speaking the native protocols the gateway translates to: Anthropic Messages,
 * Gemini generateContent and Hugging Face TEI. Deterministic answers derived from the request, so
 * a test can tell the translation both ways worked.
 */
export class MockProvider {
  readonly requests: ProviderRequest[] = [];
  private readonly server: Server;
  private boundPort = 0;

  private constructor(private readonly handler: Handler) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  private static async start(handler: Handler): Promise<MockProvider> {
    const mock = new MockProvider(handler);
    await new Promise<void>((resolve) => mock.server.listen(0, '127.0.0.1', resolve));
    mock.boundPort = (mock.server.address() as AddressInfo).port;
    return mock;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const path = req.url ?? '/';
    this.requests.push({ path, headers: req.headers, json: body });
    this.handler(path, body, res);
  }

  /** Anthropic Messages at `/v1/messages`: answers "claude says: <last user text>" (streamed word by word). */
  static anthropic(): Promise<MockProvider> {
    return MockProvider.start((path, body, res) => {
      if (!path.startsWith('/v1/messages')) return json(res, 404, { type: 'error', error: { type: 'not_found_error', message: `no ${path}` } });
      if (body.model === 'overloaded') return json(res, 529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
      const messages = body.messages as Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
      const last = messages.at(-1)!.content;
      const said = typeof last === 'string' ? last : last.map((b) => b.text ?? '').join('');
      const words = `claude says: ${said}`.split(' ');
      const usage = { input_tokens: 11, output_tokens: words.length };
      if (!body.stream) {
        return json(res, 200, {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: body.model,
          content: [{ type: 'text', text: words.join(' ') }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage,
        });
      }
      sse(res, [
        { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, usage: { input_tokens: 11, output_tokens: 1 } } } },
        { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
        { event: 'ping', data: { type: 'ping' } },
        ...words.map((w, i) => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: i ? ` ${w}` : w } } })),
        { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
        { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: words.length } } },
        { event: 'message_stop', data: { type: 'message_stop' } },
      ]);
    });
  }

  /** Gemini at `/v1beta/models/{model}:generateContent|streamGenerateContent|batchEmbedContents`. */
  static gemini(): Promise<MockProvider> {
    return MockProvider.start((path, body, res) => {
      const match = /^\/v1beta\/models\/([^:]+):(\w+)/.exec(path);
      if (!match) return json(res, 404, { error: { code: 404, message: `no ${path}`, status: 'NOT_FOUND' } });
      const [, model, method] = match;
      if (method === 'batchEmbedContents') {
        const requests = body.requests as Array<{ content: { parts: Array<{ text: string }> } }>;
        return json(res, 200, { embeddings: requests.map((r) => ({ values: [r.content.parts[0]!.text.length, 0.5, -0.25] })) });
      }
      const contents = body.contents as Array<{ role: string; parts: Array<{ text?: string }> }>;
      const words = `gemini says: ${contents.at(-1)!.parts.map((p) => p.text ?? '').join('')}`.split(' ');
      const usageMetadata = { promptTokenCount: 7, candidatesTokenCount: words.length, totalTokenCount: 7 + words.length };
      const candidate = (text: string, finishReason?: string) => ({ content: { role: 'model', parts: [{ text }] }, index: 0, ...(finishReason ? { finishReason } : {}) });
      if (method === 'generateContent') return json(res, 200, { candidates: [candidate(words.join(' '), 'STOP')], usageMetadata, modelVersion: model });
      sse(
        res,
        words.map((w, i) => ({
          data: { candidates: [candidate(i ? ` ${w}` : w, i === words.length - 1 ? 'STOP' : undefined)], ...(i === words.length - 1 ? { usageMetadata } : {}), modelVersion: model },
        })),
      );
    });
  }

  /** Hugging Face TEI: `/rerank` answers a bare array scored by word overlap; `/v1/embeddings` is OpenAI-shaped (base64 when asked). */
  static tei(): Promise<MockProvider> {
    return MockProvider.start((path, body, res) => {
      if (path.startsWith('/rerank')) {
        const words = new Set(String(body.query).toLowerCase().split(/\W+/).filter(Boolean));
        const texts = body.texts as string[];
        const scored = texts.map((t, index) => ({ index, score: t.toLowerCase().split(/\W+/).filter((w) => words.has(w)).length / words.size }));
        return json(res, 200, scored.sort((a, b) => b.score - a.score));
      }
      if (path.startsWith('/v1/embeddings')) {
        const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
        const vector = (t: string) => (body.encoding_format === 'base64' ? Buffer.from(new Float32Array([t.length, 1, 0]).buffer).toString('base64') : [t.length, 1, 0]);
        return json(res, 200, { object: 'list', model: body.model, data: input.map((t, index) => ({ object: 'embedding', index, embedding: vector(t) })), usage: { prompt_tokens: 1, total_tokens: 1 } });
      }
      if (path.startsWith('/health')) return json(res, 200, {});
      return json(res, 404, { error: `no ${path}` });
    });
  }
}
