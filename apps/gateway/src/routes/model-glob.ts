/** Model-name globs: `*` matches any run of characters, `?` one character; everything else is literal. */
export function compileGlob(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

export const isGlob = (pattern: string): boolean => /[*?]/.test(pattern);

/** A compiled list of globs; an empty list matches everything. */
export class ModelMatcher {
  private readonly exact: Set<string>;
  private readonly patterns: RegExp[];
  readonly matchesAll: boolean;

  constructor(globs: readonly string[]) {
    this.exact = new Set(globs.filter((g) => !isGlob(g)));
    this.patterns = globs.filter(isGlob).map(compileGlob);
    this.matchesAll = globs.length === 0;
  }

  matches(model: string): boolean {
    return this.matchesAll || this.exact.has(model) || this.patterns.some((p) => p.test(model));
  }
}
