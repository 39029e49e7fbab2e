import type { CounterState } from '../store/limit-ops.js';

/** Go-style durations as OpenAI writes its reset headers: `1s`, `6m0s`, `1h2m3s`. */
export function goDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

const WINDOW_SECONDS: Record<string, number> = { rps: 1, rpm: 60, itpm: 60, otpm: 60 };
const REQUESTS = new Set(['rps', 'rpm', 'concurrent']);
const TOKENS = new Set(['itpm', 'otpm']);

/** A counter's policy name in the IETF fields: its kind (`tpd:2026-11-22` -> `tpd`). */
export function kind(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(0, colon);
}

function tightest(counters: readonly CounterState[], names: ReadonlySet<string>): CounterState | undefined {
  let best: CounterState | undefined;
  for (const c of counters) if (names.has(c.name) && (!best || c.remaining / c.limit < best.remaining / best.limit)) best = c;
  return best;
}

/** The IETF `RateLimit-Policy` field: it depends only on which counters applied and their limits, so callers may keep it. */
export function rateLimitPolicy(counters: readonly CounterState[]): string {
  return counters
    .map((c) => {
      const k = kind(c.name);
      return WINDOW_SECONDS[k] ? `${k};q=${c.limit};w=${WINDOW_SECONDS[k]}` : `${k};q=${c.limit}`;
    })
    .join(', ');
}

/**
 * OpenAI's `x-ratelimit-*` headers (from the tightest request and token counters) and the IETF
 * draft's `RateLimit-Policy` / `RateLimit` fields (every counter that applied).
 */
export function rateLimitHeaders(counters: readonly CounterState[], policy?: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const requests = tightest(counters, REQUESTS);
  if (requests) {
    headers['x-ratelimit-limit-requests'] = String(requests.limit);
    headers['x-ratelimit-remaining-requests'] = String(requests.remaining);
    headers['x-ratelimit-reset-requests'] = goDuration(requests.resetMs);
  }
  const tokens = tightest(counters, TOKENS);
  if (tokens) {
    headers['x-ratelimit-limit-tokens'] = String(tokens.limit);
    headers['x-ratelimit-remaining-tokens'] = String(tokens.remaining);
    headers['x-ratelimit-reset-tokens'] = goDuration(tokens.resetMs);
  }
  if (counters.length) {
    headers['ratelimit-policy'] = policy ?? rateLimitPolicy(counters);
    let fields = '';
    for (const c of counters) fields += `${fields ? ', ' : ''}${kind(c.name)};r=${c.remaining};t=${Math.max(0, Math.ceil(c.resetMs / 1000))}`;
    headers.ratelimit = fields;
  }
  return headers;
}
