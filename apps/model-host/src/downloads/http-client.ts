import type { Readable } from 'node:stream';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Agent, request } from 'undici';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Readable & { dump?: () => Promise<void> };
  /** Where the answer came from after redirects. */
  url: string;
}

export interface HttpGetOptions {
  headers?: Record<string, string>;
  /** Sent only to this origin (the hub): dropped when a redirect leads elsewhere (a CDN). */
  authorization?: { origin: string; value: string };
  signal?: AbortSignal;
  /** No response headers, or no body byte, for this long: the request fails. */
  idleTimeoutMs: number;
  method?: 'GET' | 'HEAD';
}

const MAX_REDIRECTS = 10;

/** Drops a body not wanted (an undici body destroyed unread emits an error nobody would listen to). */
export async function discardBody(body: HttpResponse['body']): Promise<void> {
  body.on('error', () => undefined);
  if (body.dump) await body.dump().catch(() => undefined);
  else body.destroy();
}

export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GET with redirects followed by hand, so the hub token never reaches another origin. */
@Injectable()
export class HttpClient implements OnApplicationShutdown {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: 15_000 } });

  async get(url: string, options: HttpGetOptions): Promise<HttpResponse> {
    let current = new URL(url);
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'user-agent': 'aigw-model-host', ...options.headers };
      if (options.authorization && current.origin === options.authorization.origin) headers.authorization = options.authorization.value;
      const res = await request(current, {
        method: options.method ?? 'GET',
        headers,
        signal: options.signal,
        dispatcher: this.agent,
        headersTimeout: options.idleTimeoutMs,
        bodyTimeout: options.idleTimeoutMs,
      });
      const flat: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(res.headers)) flat[k] = Array.isArray(v) ? v.join(', ') : v;
      const location = flat.location;
      if ([301, 302, 303, 307, 308].includes(res.statusCode) && location) {
        await discardBody(res.body);
        if (hop >= MAX_REDIRECTS) throw new HttpStatusError(res.statusCode, `more than ${MAX_REDIRECTS} redirects from ${url}`);
        current = new URL(location, current);
        continue;
      }
      return { status: res.statusCode, headers: flat, body: res.body, url: current.toString() };
    }
  }

  /** GET a JSON document (the hub's API). */
  async getJson(url: string, options: HttpGetOptions): Promise<{ status: number; headers: Record<string, string | undefined>; json: unknown }> {
    const res = await this.get(url, { ...options, headers: { accept: 'application/json', ...options.headers } });
    const text = await readText(res.body, 32 * 1024 * 1024);
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }
}

async function readText(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new Error(`answer larger than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
