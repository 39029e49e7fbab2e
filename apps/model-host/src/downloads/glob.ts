/**
 * fnmatch-style patterns, as huggingface_hub filters a repository's files with allow/ignore patterns:
 * `*` any run of characters (including "/"), `?` one character, `[abc]` / `[!abc]` a set; a pattern
 * ending in "/" matches everything below that folder. Case-sensitive.
 */
export function globToRegExp(pattern: string): RegExp {
  const p = pattern.endsWith('/') ? `${pattern}*` : pattern;
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const end = p.indexOf(']', i + 2);
      if (end === -1) {
        out += '\\[';
        continue;
      }
      let set = p.slice(i + 1, end);
      const negate = set.startsWith('!');
      if (negate) set = set.slice(1);
      out += `[${negate ? '^' : ''}${set.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else out += c.replace(/[.+^${}()|\\/-]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Paths kept: those matching an include pattern (all when none given) and no exclude pattern. */
export function filterPaths<T extends { path: string }>(files: readonly T[], include?: readonly string[], exclude?: readonly string[]): T[] {
  const inc = include?.length ? include.map(globToRegExp) : undefined;
  const exc = (exclude ?? []).map(globToRegExp);
  return files.filter((f) => (!inc || inc.some((r) => r.test(f.path))) && !exc.some((r) => r.test(f.path)));
}
