import { expect } from 'vitest';

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text, sent as-is (e.g. malformed JSON). */
  rawBody?: string;
  token?: string;
  key?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** One HTTP call; the body is parsed as JSON when it is JSON. */
export async function call<T = any>(base: string, method: string, path: string, options: CallOptions = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  const text = await res.text();
  let parsed: unknown = text;
  if (res.headers.get('content-type')?.includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** OpenAI's error body with a given code, as `expect(...).toEqual` takes it. */
export const openAiError = (code: string | null, type: string, param: string | null = null) => ({
  error: { message: expect.any(String), type, param, code },
});
