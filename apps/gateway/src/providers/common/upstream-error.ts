// Status-based mapping of upstream errors, shared by every adapter: each vendor first reads its own
// error body, then lands here for the status.
import { GatewayError } from '@aigw/server-kit/gateway-error';

export const MAX_MESSAGE = 500;

export interface UpstreamErrorDetail {
  message: string;
  param: string | null;
}

interface LooseErrorBody {
  error?: { message?: unknown; param?: unknown } | string;
  message?: unknown;
  detail?: unknown;
}

/** Parses a JSON error body, or undefined when it is not JSON. */
export function parseErrorJson(body: Buffer, contentType: string | undefined): unknown {
  const text = body.toString('utf8').trim();
  if (!(contentType?.includes('json') || text.startsWith('{') || text.startsWith('['))) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The most useful text in an upstream error body, whatever shape the server chose (OpenAI, FastAPI, TEI, plain text). */
export function upstreamDetail(body: Buffer, contentType: string | undefined): UpstreamErrorDetail {
  const parsed = parseErrorJson(body, contentType);
  if (parsed !== undefined) {
    const p = (Array.isArray(parsed) ? parsed[0] : parsed) as LooseErrorBody | undefined;
    const e = p?.error;
    if (typeof e === 'string') return { message: e, param: null };
    if (e && typeof e.message === 'string') return { message: e.message, param: typeof e.param === 'string' ? e.param : null };
    if (typeof p?.message === 'string') return { message: p.message, param: null };
    if (typeof p?.detail === 'string') return { message: p.detail, param: null };
    if (p?.detail !== undefined) return { message: JSON.stringify(p.detail).slice(0, MAX_MESSAGE), param: null };
  }
  const text = body.toString('utf8').trim();
  return { message: text.slice(0, MAX_MESSAGE) || 'no body', param: null };
}

/**
 * An upstream status -> ours. Client mistakes (4xx) keep their status and the upstream's message and
 * param so the caller can fix them; the upstream's own auth failures and server errors are the
 * gateway's problem (502); 429 and 503 stay retryable.
 */
export function mapUpstreamStatus(status: number, detail: UpstreamErrorDetail): GatewayError {
  const { message, param } = detail;
  const text = `Upstream returned ${status}: ${message}`.slice(0, MAX_MESSAGE + 40);
  if (status === 401 || status === 403) {
    return new GatewayError('upstream_auth_error', `Upstream rejected the gateway's credentials (${status}): ${message}`.slice(0, MAX_MESSAGE + 80));
  }
  if (status === 404) return new GatewayError('model_not_found', text, { param: param ?? 'model' });
  if (status === 408 || status === 504) return new GatewayError('upstream_timeout', text);
  if (status === 413) return new GatewayError('request_too_large', text, { param });
  if (status === 429) return new GatewayError('upstream_rate_limited', text);
  if (status >= 400 && status < 500) return new GatewayError('invalid_request', text, { param, status });
  if (status === 503 || status === 529) return new GatewayError('service_unavailable', text);
  return new GatewayError('upstream_error', text);
}

/** A 2xx body that is not what the protocol promises is the upstream's fault. */
export const badUpstreamBody = (what: string) => new GatewayError('upstream_error', `Upstream answered with an unexpected body: ${what}`);

export function parseUpstreamJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw badUpstreamBody('not JSON');
  }
}
