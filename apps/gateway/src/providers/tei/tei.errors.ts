import { GatewayError } from '@aigw/server-kit/gateway-error';
import { MAX_MESSAGE, mapUpstreamStatus, upstreamDetail } from '../common/upstream-error.js';

/**
 * TEI errors (`{"error", "error_type"}`, or `{"message", "code", "error_type"}` on its OpenAI route)
 * -> ours by status; 424 is TEI's backend failing (e.g. "model is not a re-ranker"): the gateway's
 * configuration, not the client's request, so 502.
 */
export function mapTeiError(status: number, body: Buffer, contentType: string | undefined): GatewayError {
  const detail = upstreamDetail(body, contentType);
  if (status === 424) return new GatewayError('upstream_error', `Upstream returned 424: ${detail.message}`.slice(0, MAX_MESSAGE + 40));
  return mapUpstreamStatus(status, detail);
}
