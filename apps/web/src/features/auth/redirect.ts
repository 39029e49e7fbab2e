/**
 * Where to go after signing in: the `next` path the login page was given, when it is a path on
 * this site (never another origin, never the login page itself); else the dashboard.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) return '/';
  return next;
}

/** The login URL that brings the user back to `path` (with its query and hash) afterwards. */
export function loginPathFor(path: string): string {
  return path === '/' || path === '' ? '/login' : `/login?next=${encodeURIComponent(path)}`;
}
