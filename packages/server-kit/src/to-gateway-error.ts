import { ZodError } from 'zod';
import { GatewayError } from './gateway-error.js';

interface StatusError {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
}

const fieldPath = (path: readonly PropertyKey[]): string | null => (path.length ? path.map(String).join('.') : null);

/**
 * Any thrown value -> a GatewayError. Known client mistakes keep their 4xx; anything unknown is
 * an internal error (never reported as a 400). Returns `internal: true` when it must be logged.
 */
export function toGatewayError(err: unknown): { error: GatewayError; internal: boolean } {
  if (err instanceof GatewayError) return { error: err, internal: false };
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const param = issue ? fieldPath(issue.path) : null;
    const message = issue ? `${param ? `${param}: ` : ''}${issue.message}` : 'Invalid request';
    return { error: new GatewayError('invalid_request', message, { param }), internal: false };
  }
  // Nest wraps Fastify's own errors (body parsing, limits) in an HttpException; the cause says more.
  const cause = (err as { cause?: StatusError } | null)?.cause;
  const e = (cause && typeof cause.code === 'string' && cause.code.startsWith('FST_') ? cause : (err ?? {})) as StatusError;
  const status = e.statusCode ?? e.status;
  // Fastify's own errors (body parsing, limits, routing) carry a 4xx status and an FST_ code.
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return { error: new GatewayError('request_too_large', 'Request body is larger than the allowed limit'), internal: false };
  }
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    return { error: new GatewayError('unsupported_media_type', 'Unsupported Content-Type; send application/json'), internal: false };
  }
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { error: new GatewayError('invalid_json', 'Request body is empty; send a JSON object'), internal: false };
  }
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return { error: new GatewayError('invalid_json', 'Request body is not valid JSON'), internal: false };
  }
  if (status === 404) return { error: new GatewayError('not_found', e.message || 'Not found'), internal: false };
  if (status === 405) return { error: new GatewayError('method_not_allowed', e.message || 'Method not allowed'), internal: false };
  if (status !== undefined && status >= 400 && status < 500) {
    return { error: new GatewayError('invalid_request', e.message || 'Invalid request', { status }), internal: false };
  }
  return { error: new GatewayError('internal_error', 'Internal error; see the server log for this request id'), internal: true };
}
