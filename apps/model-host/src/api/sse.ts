import type { ServerResponse } from 'node:http';

/** Headers that make an event stream pass through proxies unbuffered (API-CONTRACT.md, SSE framing). */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;

export const KEEPALIVE_MS = 15_000;

export function writeEvent(res: ServerResponse, name: string, data: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}
