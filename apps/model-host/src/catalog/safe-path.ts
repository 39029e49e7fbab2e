/**
 * A relative, "/"-separated path that stays inside its directory: no "..", no ".", no empty part, no
 * absolute path (POSIX or Windows), no backslash, no control character. What a hub listing, a URL's
 * file name and a setting naming a file in the model directory must be.
 */
export function isSafeRelativePath(p: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (!p || p.length > 1024 || p.startsWith('/') || p.includes('\\') || /[\u0000-\u001f]/.test(p) || /^[A-Za-z]:/.test(p)) return false;
  return p.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
