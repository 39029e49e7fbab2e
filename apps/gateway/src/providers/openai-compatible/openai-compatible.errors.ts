import type { GatewayError } from '@aigw/server-kit/gateway-error';
import { mapUpstreamStatus, upstreamDetail } from '../common/upstream-error.js';

/**
 * OpenAI-wire upstream errors -> ours: 401/403 -> 502 upstream_auth_error; 429 stays 429; 408/504 ->
 * 504; 503/529 -> 503; other 5xx -> 502; other 4xx keep their status with the upstream's message and
 * param. Reads OpenAI's `{error: {message, param}}`, FastAPI's `{detail}`, `{error: "..."}` and text.
 */
export function mapOpenAiCompatibleError(status: number, body: Buffer, contentType: string | undefined): GatewayError {
  return mapUpstreamStatus(status, upstreamDetail(body, contentType));
}
