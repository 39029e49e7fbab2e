import { GatewayError } from '@aigw/server-kit/gateway-error';
import { MAX_MESSAGE, mapUpstreamStatus, parseErrorJson, upstreamDetail } from '../common/upstream-error.js';

/** Anthropic's error type -> ours (API-CONTRACT.md). Unknown types fall back to the HTTP status. */
export function anthropicErrorFor(type: string, message: string): GatewayError | undefined {
  const text = `Anthropic ${type}: ${message}`.slice(0, MAX_MESSAGE + 40);
  switch (type) {
    case 'authentication_error':
    case 'permission_error':
      return new GatewayError('upstream_auth_error', `Upstream rejected the gateway's credentials (${type}): ${message}`.slice(0, MAX_MESSAGE + 80));
    case 'invalid_request_error':
      return new GatewayError('invalid_request', text);
    case 'not_found_error':
      return new GatewayError('model_not_found', text, { param: 'model' });
    case 'request_too_large':
      return new GatewayError('request_too_large', text);
    case 'rate_limit_error':
      return new GatewayError('upstream_rate_limited', text);
    case 'api_error':
      return new GatewayError('upstream_error', text);
    case 'overloaded_error':
      return new GatewayError('service_unavailable', text);
    case 'timeout_error':
      return new GatewayError('upstream_timeout', text);
    default:
      return undefined;
  }
}

/** The `error` object of Anthropic's `{"type":"error","error":{"type","message"}}`, if that is what the body is. */
export function readAnthropicError(parsed: unknown): { type: string; message: string } | undefined {
  const error = (parsed as { error?: { type?: unknown; message?: unknown } } | null | undefined)?.error;
  if (!error || typeof error.type !== 'string') return undefined;
  return { type: error.type, message: typeof error.message === 'string' ? error.message : error.type };
}

/** An Anthropic non-2xx answer -> ours: by its error type, else by status. */
export function mapAnthropicError(status: number, body: Buffer, contentType: string | undefined): GatewayError {
  const error = readAnthropicError(parseErrorJson(body, contentType));
  return (error && anthropicErrorFor(error.type, error.message)) ?? mapUpstreamStatus(status, upstreamDetail(body, contentType));
}
