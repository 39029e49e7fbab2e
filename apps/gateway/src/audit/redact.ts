export type JsonValue = object | string | number | boolean | null;

/** What a secret is replaced with in the audit log. */
export const REDACTED = '[redacted]';

/**
 * Property names whose values are secrets, compared lower-case with `-` as `_`: exact names, and
 * names ending in one of the secret words (`hf_token`, `aws_secret_access_key`, `x_api_key`).
 * `key` alone is the secret of a created API key.
 */
const SECRET_NAMES = new Set(['key', 'api_key', 'apikey', 'password', 'passwd', 'secret', 'token', 'private_key', 'authorization', 'cookie', 'set_cookie', 'credentials']);
const SECRET_SUFFIX = /(^|_)(api_?key|password|passwd|secret|secret_key|access_key|private_key|token|authorization|cookie|credentials?)$/;
/** Header names carrying credentials (`Authorization`, `X-Api-Key`, `X-Auth-Token`, `Cookie`, ...). */
const SECRET_HEADER = /auth|key|token|secret|passw|cookie|session|signature|credential/i;
/** Values that are credentials whatever their name: our API keys, bearer tokens, JWTs, PEM private keys. */
const SECRET_VALUE = /^(sk-[A-Za-z0-9_-]{16,}|bearer\s+\S+|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$|-----BEGIN [A-Z ]*PRIVATE KEY-----/i;

const normalise = (name: string) => name.toLowerCase().replace(/-/g, '_');
const isSecretName = (name: string) => {
  const n = normalise(name);
  return SECRET_NAMES.has(n) || SECRET_SUFFIX.test(n);
};
/** Booleans and nulls say whether a secret exists (`has_api_key`), never what it is. */
const hide = (value: unknown): JsonValue => (value === null || value === undefined ? null : typeof value === 'boolean' ? value : REDACTED);

/**
 * A deep copy of `value` fit for the audit log: secrets replaced by `[redacted]`, by name (anywhere),
 * by header name (inside any `headers` object) and by shape (API keys, bearer tokens, JWTs, PEM keys).
 */
export function redact(value: unknown, inHeaders = false, depth = 0): JsonValue {
  if (depth > 64) return REDACTED;
  if (typeof value === 'string') return SECRET_VALUE.test(value) ? REDACTED : value;
  if (value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === null || typeof value !== 'object') return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redact(v, false, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value)) {
    if (isSecretName(name) || (inHeaders && SECRET_HEADER.test(name))) out[name] = hide(v);
    else out[name] = redact(v, normalise(name) === 'headers', depth + 1);
  }
  return out;
}
