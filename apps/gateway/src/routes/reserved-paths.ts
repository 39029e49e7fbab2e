import { compileGlob } from './model-glob.js';

/** Paths the gateway serves itself: a path route there would never be reached, or would hide them. */
const RESERVED = [/^\/v1\//, /^\/rerank$/, /^\/api(\/|$)/, /^\/auth(\/|$)/, /^\/health(\/|$)/, /^\/metrics$/, /^\/$/];

export function isReservedPath(pattern: string): boolean {
  // A glob is reserved when it could match a reserved path: test its literal prefix.
  const probe = pattern.replace(/[*?].*$/, '');
  return RESERVED.some((r) => r.test(probe) || r.test(pattern)) || compileGlob(pattern).test('/v1/chat/completions');
}
