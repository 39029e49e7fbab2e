import type { Readable } from 'node:stream';
import { request } from 'undici';
import { isErrorBody, type ErrorBody } from '@aigw/shared/errors';
import { GatewayError } from '@aigw/server-kit/gateway-error';

/** A registered host as the client needs it: where, and its token (opened). */
export interface HostTarget {
  id: string;
  name: string;
  url: string;
  token: string;
}

/** A host's answer: its status and JSON body, passed on as they are (its OpenAI errors included). */
export interface HostAnswer {
  status: number;
  body: unknown;
}

const CALL_TIMEOUT_MS = 15_000;
const CONNECT_TIMEOUT_MS = 5_000;

const unreachable = (host: HostTarget, err: unknown) =>
  new GatewayError('upstream_unreachable', `Model host "${host.name}" (${host.url}) cannot be reached: ${(err as { code?: string }).code ?? (err as Error).message}`, {
    cause: err,
  });

const refusedToken = (host: HostTarget) =>
  new GatewayError('upstream_auth_error', `Model host "${host.name}" refused the gateway's token: update the host's token in the gateway`);

/** The error a host's non-2xx answer stands for, for callers that cannot pass the answer on as it is. */
export function answerError(host: HostTarget, answer: HostAnswer): GatewayError {
  if (answer.status === 401 || answer.status === 403) return refusedToken(host);
  const message = isErrorBody(answer.body) ? answer.body.error.message : `answered HTTP ${answer.status}`;
  return new GatewayError('upstream_error', `Model host "${host.name}": ${message}`);
}

async function readJson(body: Readable & { text(): Promise<string> }): Promise<unknown> {
  const text = await body.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Calls a model host's API with its bearer token. The host's answer comes back whatever its status,
 * except a refused token (502 `upstream_auth_error`: the admin's own token is fine) and no answer at
 * all (502 `upstream_unreachable`). Not JSON where JSON was expected: 502 `upstream_error`.
 */
export async function callHost(host: HostTarget, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<HostAnswer> {
  let res;
  try {
    res = await request(`${host.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${host.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      headersTimeout: CALL_TIMEOUT_MS,
      bodyTimeout: CALL_TIMEOUT_MS,
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS + CONNECT_TIMEOUT_MS),
    });
  } catch (err) {
    throw unreachable(host, err);
  }
  let parsed: unknown;
  try {
    parsed = await readJson(res.body);
  } catch (err) {
    throw unreachable(host, err);
  }
  if (res.statusCode === 401 || res.statusCode === 403) throw refusedToken(host);
  if (res.statusCode >= 300 && !isErrorBody(parsed)) {
    throw new GatewayError('upstream_error', `Model host "${host.name}" answered HTTP ${res.statusCode} without an error body; is ${host.url} a model host?`);
  }
  return { status: res.statusCode, body: parsed };
}

/** `GET /health` of a host (no token): its version and GPU mode, or why it cannot be had. */
export async function hostHealth(host: HostTarget): Promise<{ version: string | null; gpu_mode: 'nvidia' | 'cpu-only' | null }> {
  let res;
  try {
    res = await request(`${host.url}/health`, { headersTimeout: CALL_TIMEOUT_MS, bodyTimeout: CALL_TIMEOUT_MS, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
  } catch (err) {
    throw unreachable(host, err);
  }
  const body = (await readJson(res.body).catch(() => undefined)) as { version?: unknown; gpu_mode?: unknown } | undefined;
  if (res.statusCode !== 200 || typeof body !== 'object' || body === null) {
    throw new GatewayError('upstream_error', `Model host "${host.name}" answered its health check with HTTP ${res.statusCode}; is ${host.url} a model host?`);
  }
  return {
    version: typeof body.version === 'string' ? body.version : null,
    gpu_mode: body.gpu_mode === 'nvidia' || body.gpu_mode === 'cpu-only' ? body.gpu_mode : null,
  };
}

/**
 * Opens a host's SSE stream. A 200 gives the body to pipe on unbuffered (the caller owns it and must
 * destroy it when its client goes away); anything else comes back as the host's answer.
 */
export async function openHostStream(host: HostTarget, path: string, signal: AbortSignal): Promise<{ stream: Readable } | { answer: HostAnswer }> {
  let res;
  try {
    // no body timeout: the host sends a keep-alive comment every 15 s, and the client decides when to leave
    res = await request(`${host.url}${path}`, {
      headers: { authorization: `Bearer ${host.token}`, accept: 'text/event-stream' },
      headersTimeout: CALL_TIMEOUT_MS,
      bodyTimeout: 0,
      signal,
    });
  } catch (err) {
    throw unreachable(host, err);
  }
  if (res.statusCode === 200) return { stream: res.body };
  const body = await readJson(res.body).catch(() => undefined);
  if (res.statusCode === 401 || res.statusCode === 403) throw refusedToken(host);
  if (!isErrorBody(body)) throw new GatewayError('upstream_error', `Model host "${host.name}" answered HTTP ${res.statusCode} without an error body`);
  return { answer: { status: res.statusCode, body: body satisfies ErrorBody } };
}
