/**
 * `path` plus the instance URL's own query (`search`, with `?` or '') plus `params`. Without params
 * the instance's query goes through as it was written.
 */
export function withQuery(path: string, search: string, params?: Readonly<Record<string, string>>): string {
  if (!params) return `${path}${search}`;
  const query = new URLSearchParams(search);
  for (const [name, value] of Object.entries(params)) query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** `basePath` + a path that may carry its own query, merged with the instance URL's query (which wins). */
export function joinPath(basePath: string, path: string, search: string): string {
  const [pathname, own] = path.split('?', 2) as [string, string | undefined];
  if (!own) return `${basePath}${pathname}${search}`;
  const query = new URLSearchParams(search);
  for (const [name, value] of new URLSearchParams(own)) if (!query.has(name)) query.set(name, value);
  return `${basePath}${pathname}?${query.toString()}`;
}
