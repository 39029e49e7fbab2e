import { GatewayError } from '@aigw/server-kit/gateway-error';
import { MAX_MESSAGE, mapUpstreamStatus, parseErrorJson, upstreamDetail } from '../common/upstream-error.js';

interface GoogleError {
  code?: number;
  message?: string;
  status?: string;
  details?: { reason?: string }[];
}

/** The `error` of Google's `{"error": {"code", "message", "status", "details"}}` (or of its first element, as streams without alt=sse send). */
export function readGoogleError(parsed: unknown): GoogleError | undefined {
  const first = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
  const error = (first as { error?: unknown } | null | undefined)?.error;
  return typeof error === 'object' && error !== null ? (error as GoogleError) : undefined;
}

/**
 * Google's canonical status -> ours. A bad API key is a 400 INVALID_ARGUMENT with reason
 * API_KEY_INVALID (google-gemini/gemini-cli#4690): that is the gateway's credential, so 502.
 */
export function geminiErrorFor(error: GoogleError, httpStatus: number): GatewayError {
  const message = error.message ?? error.status ?? 'unknown error';
  const text = `Gemini ${error.status ?? httpStatus}: ${message}`.slice(0, MAX_MESSAGE + 40);
  const badKey = error.details?.some((d) => d.reason === 'API_KEY_INVALID') ?? false;
  if (badKey || error.status === 'UNAUTHENTICATED' || error.status === 'PERMISSION_DENIED') {
    return new GatewayError('upstream_auth_error', `Upstream rejected the gateway's credentials (${error.status ?? httpStatus}): ${message}`.slice(0, MAX_MESSAGE + 80));
  }
  switch (error.status) {
    case 'INVALID_ARGUMENT':
      return new GatewayError('invalid_request', text);
    case 'NOT_FOUND':
      return new GatewayError('model_not_found', text, { param: 'model' });
    case 'RESOURCE_EXHAUSTED':
      return new GatewayError('upstream_rate_limited', text);
    case 'UNAVAILABLE':
      return new GatewayError('service_unavailable', text);
    case 'DEADLINE_EXCEEDED':
      return new GatewayError('upstream_timeout', text);
    case undefined:
      return mapUpstreamStatus(httpStatus, { message, param: null });
    default: // INTERNAL, FAILED_PRECONDITION (e.g. region not supported), ...: the gateway's problem
      return new GatewayError('upstream_error', text);
  }
}

export function mapGeminiError(status: number, body: Buffer, contentType: string | undefined): GatewayError {
  const error = readGoogleError(parseErrorJson(body, contentType));
  return error ? geminiErrorFor(error, status) : mapUpstreamStatus(status, upstreamDetail(body, contentType));
}
