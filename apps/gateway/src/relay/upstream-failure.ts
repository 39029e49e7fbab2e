import { GatewayError } from '@aigw/server-kit/gateway-error';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);
const TRANSPORT_CODES = /^(E[A-Z]+|UND_ERR_\w+)$/;

/** A failure while talking to an upstream -> the error the client gets. */
export function upstreamFailure(err: Error & { code?: string }, sourceName: string, timeoutMs: number): GatewayError {
  if (err instanceof GatewayError) return err;
  if (err.code && TIMEOUT_CODES.has(err.code)) {
    return new GatewayError('upstream_timeout', `Upstream "${sourceName}" did not answer within ${timeoutMs} ms`, { cause: err });
  }
  if (err.code && TRANSPORT_CODES.test(err.code)) {
    return new GatewayError('upstream_unreachable', `Upstream "${sourceName}" is unreachable (${err.code})`, { cause: err });
  }
  return new GatewayError('upstream_error', `Could not read the answer of upstream "${sourceName}": ${err.message}`, { cause: err });
}
