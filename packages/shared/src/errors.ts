import { z } from 'zod';

/** OpenAI's error body: every error the platform returns has this shape. */
export const errorBodySchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.string().nullable(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * The error table: one code -> its HTTP status and OpenAI error type.
 * The gateway, the model host and the web app all read codes from here.
 */
export const errorCatalog = {
  invalid_request: { status: 400, type: 'invalid_request_error' },
  invalid_json: { status: 400, type: 'invalid_request_error' },
  unsupported_feature: { status: 400, type: 'invalid_request_error' },
  /** The route's provider does not serve this endpoint (e.g. embeddings on an Anthropic source). */
  unsupported_endpoint: { status: 400, type: 'invalid_request_error' },
  /** Certificates: the PEM does not parse, holds no certificate, or the TLS stack refuses it. */
  invalid_certificate: { status: 400, type: 'invalid_request_error' },
  /** Certificates: the private key does not parse (or is encrypted with a passphrase). */
  invalid_private_key: { status: 400, type: 'invalid_request_error' },
  /** Certificates: the private key is not the leaf certificate's. */
  certificate_key_mismatch: { status: 400, type: 'invalid_request_error' },
  /** Certificates: a certificate of the chain is not issued by the next one (leaf first). */
  certificate_chain_order: { status: 400, type: 'invalid_request_error' },
  certificate_expired: { status: 400, type: 'invalid_request_error' },
  certificate_not_yet_valid: { status: 400, type: 'invalid_request_error' },
  /** Domains: the certificate a domain names does not cover its host name. */
  certificate_name_mismatch: { status: 400, type: 'invalid_request_error' },
  missing_api_key: { status: 401, type: 'invalid_request_error' },
  invalid_api_key: { status: 401, type: 'invalid_request_error' },
  api_key_revoked: { status: 401, type: 'invalid_request_error' },
  api_key_expired: { status: 401, type: 'invalid_request_error' },
  invalid_credentials: { status: 401, type: 'authentication_error' },
  invalid_token: { status: 401, type: 'authentication_error' },
  token_expired: { status: 401, type: 'authentication_error' },
  permission_denied: { status: 403, type: 'permission_error' },
  model_not_allowed: { status: 403, type: 'permission_error' },
  not_found: { status: 404, type: 'not_found_error' },
  model_not_found: { status: 404, type: 'invalid_request_error' },
  key_not_found: { status: 404, type: 'not_found_error' },
  user_not_found: { status: 404, type: 'not_found_error' },
  source_not_found: { status: 404, type: 'not_found_error' },
  route_not_found: { status: 404, type: 'not_found_error' },
  certificate_not_found: { status: 404, type: 'not_found_error' },
  domain_not_found: { status: 404, type: 'not_found_error' },
  /** Model host: no model with this id in the host's catalog. */
  local_model_not_found: { status: 404, type: 'not_found_error' },
  method_not_allowed: { status: 405, type: 'invalid_request_error' },
  conflict: { status: 409, type: 'invalid_request_error' },
  source_in_use: { status: 409, type: 'invalid_request_error' },
  /** A domain still names the certificate. */
  certificate_in_use: { status: 409, type: 'invalid_request_error' },
  /** Model host: a model with this id exists already. */
  local_model_exists: { status: 409, type: 'invalid_request_error' },
  /** Model host: not possible in the model's current state (settings while running, start while downloading, ...). */
  invalid_model_state: { status: 409, type: 'invalid_request_error' },
  /** Model host: a GPU index the host does not have. */
  gpu_not_found: { status: 400, type: 'invalid_request_error' },
  /** Model host: no GPU has the free memory the model's estimate asks for. */
  insufficient_gpu_memory: { status: 409, type: 'invalid_request_error' },
  /** Model host: every port of PORT_RANGE is taken. */
  no_free_port: { status: 409, type: 'invalid_request_error' },
  /** Model host: the download does not fit on the disk. */
  insufficient_disk_space: { status: 409, type: 'invalid_request_error' },
  request_too_large: { status: 413, type: 'invalid_request_error' },
  unsupported_media_type: { status: 415, type: 'invalid_request_error' },
  /** Strict host mode: no domain serves the request's Host. */
  unknown_host: { status: 421, type: 'invalid_request_error' },
  too_many_login_attempts: { status: 429, type: 'rate_limit_error' },
  /** A rate limit (requests, tokens per minute, concurrency) of a key, namespace, route or policy. */
  rate_limit_exceeded: { status: 429, type: 'rate_limit_error' },
  /** A token quota (per day or month) is used up: retrying soon will not help. */
  insufficient_quota: { status: 429, type: 'insufficient_quota' },
  /** A policy refuses the request (model, route or client address not allowed). */
  policy_denied: { status: 403, type: 'permission_error' },
  namespace_mismatch: { status: 403, type: 'permission_error' },
  /** A domain's client address allow-list refuses the caller (checked before authentication). */
  ip_not_allowed: { status: 403, type: 'permission_error' },
  /** A domain's CORS origins do not include the browser's Origin (checked before authentication). */
  origin_not_allowed: { status: 403, type: 'permission_error' },
  /** The shared limit store (Redis) cannot be reached and the limit fails closed. */
  limit_store_unavailable: { status: 503, type: 'server_error' },
  /** The upstream answered 429: a retry after a while can help. */
  upstream_rate_limited: { status: 429, type: 'rate_limit_error' },
  internal_error: { status: 500, type: 'server_error' },
  upstream_error: { status: 502, type: 'upstream_error' },
  upstream_auth_error: { status: 502, type: 'upstream_error' },
  upstream_unreachable: { status: 502, type: 'upstream_error' },
  /** Model host: a hub listing named a file outside the model directory. */
  unsafe_file_name: { status: 502, type: 'upstream_error' },
  no_available_instance: { status: 503, type: 'server_error' },
  service_unavailable: { status: 503, type: 'server_error' },
  /** Model host: the model is starting (or backing off before a restart); retry shortly. */
  model_not_ready: { status: 503, type: 'server_error' },
  upstream_timeout: { status: 504, type: 'upstream_error' },
} as const satisfies Record<string, { status: number; type: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export function isErrorBody(value: unknown): value is ErrorBody {
  return errorBodySchema.safeParse(value).success;
}
