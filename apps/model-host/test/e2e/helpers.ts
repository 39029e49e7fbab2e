import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { ModelHostProcess } from '@aigw/testkit/model-host-process';

export const TOKEN = 'e2e-model-host-token-0123456789';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** The host's API with its token. */
export function hostApi(host: Pick<ModelHostProcess, 'url'>, token = TOKEN) {
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const res = await fetch(`${host.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return {
    call,
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body),
    put: (path: string, body?: unknown) => call('PUT', path, body),
    del: (path: string) => call('DELETE', path),
    status: async (id: string) => (await call('GET', `/api/local/models/${id}/status`)).body,
    /** Polls the status until `until` holds; fails with the last status. */
    async waitFor(id: string, until: (s: any) => boolean, timeoutMs = 20_000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      let last: any;
      for (;;) {
        last = (await call('GET', `/api/local/models/${id}/status`)).body;
        if (until(last)) return last;
        if (Date.now() > deadline) throw new Error(`status of ${id} never matched within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
        await sleep(100);
      }
    },
    async logs(id: string, tail = 200): Promise<string[]> {
      const res = await call('GET', `/api/local/models/${id}/logs?tail=${tail}`);
      return (res.body.data as Array<{ stream: string; line: string }>).map((l) => `${l.stream} ${l.line}`);
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A live process (a zombie waiting to be reaped by an init that may never do it holds nothing: not alive). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? '');
  } catch {
    return false;
  }
}

export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await sleep(100);
  }
}

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Holds a port on loopback, as another program would. */
export function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1' }, () => resolve(server));
  });
}

/** `n` consecutive free ports, from a random start (e2e files run in parallel). */
export async function freeRange(n: number): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const base = 30_000 + Math.floor(Math.random() * 20_000);
    let ok = true;
    for (let p = base; p < base + n && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error('no free port range');
}

export const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

export const openAiError = (code: string, type: string, param: string | null = null) => ({
  error: { message: expect.any(String), type, param, code },
});
