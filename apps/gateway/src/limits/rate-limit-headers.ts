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

/** A counter's policy name in the IETF fields: its kind (`tpd:2026-11-22` -> `tpd`). */
export function kind(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(0, colon);
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

/** Is `c` closer to its limit than `best`? */
const tighter = (c: CounterState, best: CounterState | undefined) => !best || c.remaining / c.limit < best.remaining / best.limit;

/**
 * OpenAI's `x-ratelimit-*` headers (from the tightest request and token counters) and the IETF
 * draft's `RateLimit-Policy` / `RateLimit` fields (every counter that applied). Made for every
 * limited answer, so in one pass over the counters.
 */
export function rateLimitHeaders(counters: readonly CounterState[], policy?: string): Record<string, string> {
  if (counters.length === 0) return {};
  let requests: CounterState | undefined;
  let tokens: CounterState | undefined;
  let fields = '';
  for (const c of counters) {
    const k = kind(c.name);
    if (k === 'rps' || k === 'rpm' || k === 'concurrent') {
      if (tighter(c, requests)) requests = c;
    } else if ((k === 'itpm' || k === 'otpm') && tighter(c, tokens)) tokens = c;
    fields += `${fields ? ', ' : ''}${k};r=${c.remaining};t=${Math.max(0, Math.ceil(c.resetMs / 1000))}`;
  }
  const headers: Record<string, string> = {};
  if (requests) {
    headers['x-ratelimit-limit-requests'] = String(requests.limit);
    headers['x-ratelimit-remaining-requests'] = String(requests.remaining);
    headers['x-ratelimit-reset-requests'] = goDuration(requests.resetMs);
  }
  if (tokens) {
    headers['x-ratelimit-limit-tokens'] = String(tokens.limit);
    headers['x-ratelimit-remaining-tokens'] = String(tokens.remaining);
    headers['x-ratelimit-reset-tokens'] = goDuration(tokens.resetMs);
  }
  headers['ratelimit-policy'] = policy ?? rateLimitPolicy(counters);
  headers.ratelimit = fields;
  return headers;
}
