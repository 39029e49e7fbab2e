import { errorCatalog, type ErrorBody, type ErrorCode } from '@aigw/shared/errors';

export interface GatewayErrorOptions {
  param?: string | null;
  /** Overrides the status of the error table (upstream pass-through). */
  status?: number;
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one error type of the platform's servers (gateway and model host): a code from the shared
 * error table plus a message for humans. Rendered as OpenAI's error body.
 */
export class GatewayError extends Error {
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly headers: Record<string, string> | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: GatewayErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    const entry = errorCatalog[code];
    this.status = options.status ?? entry.status;
    this.type = entry.type;
    this.param = options.param ?? null;
    this.headers = options.headers;
  }

  /** The same error with extra response headers (e.g. an upstream's Retry-After). */
  withHeaders(headers: Record<string, string>): GatewayError {
    return new GatewayError(this.code, this.message, { param: this.param, status: this.status, headers: { ...this.headers, ...headers }, cause: this.cause });
  }

  toBody(): ErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}
