/** What a command-line or environment template may name, as `{name}`; `{{` and `}}` are literal braces. */
export const PLACEHOLDERS = ['model_path', 'model_file', 'model_id', 'port', 'host', 'gpus', 'served_name', 'python'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

const TOKEN = /\{\{|\}\}|\{([^{}]*)\}/g;
const known = new Set<string>(PLACEHOLDERS);

export class PlaceholderError extends Error {}

/** The placeholder names a template uses that are not known (none: the template is good). */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(TOKEN)) {
    const name = match[1];
    if (name !== undefined && !known.has(name)) unknown.push(name);
  }
  return unknown;
}

/** Replaces every `{name}` with its value; an unknown name throws (a typo would otherwise reach the command line). */
export function substitute(template: string, values: Partial<PlaceholderValues>): string {
  return template.replace(TOKEN, (whole, name: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    if (name === undefined || !known.has(name)) throw new PlaceholderError(`unknown placeholder {${name}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`);
    const value = values[name as Placeholder];
    if (value === undefined) throw new PlaceholderError(`placeholder {${name}} has no value here`);
    return value;
  });
}
