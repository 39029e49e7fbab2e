import { ApiError } from './api-client';

/** Messages by field path, in the API's `param` form: `name`, `instances.0.url`, `match.models`. */
export type FieldErrors = Record<string, string>;

export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/** The `param` the gateway would name for this issue path. */
export const paramOf = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/**
 * zod issues -> field errors, the first issue per field. `fieldOf` maps a param to the field of the
 * form that shows it (null: the form has no such field; such issues go under `''`).
 */
export function errorsFromIssues(issues: readonly IssueLike[], fieldOf: (param: string) => string | null): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOf(paramOf(issue.path)) ?? '';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Two sets of errors; the first one's message wins for a field both name. */
export const mergeErrors = (first: FieldErrors, second: FieldErrors): FieldErrors => ({ ...second, ...first });

/**
 * Where a failed save's error goes: an ApiError naming a field the form shows goes beside that field
 * (without the "param: " prefix the gateway puts in the message); one naming a field the form
 * lacks is `unplaced`, for a banner on the form. Others (no param) are the global toast's.
 */
export function placeApiError(error: Error | null, fieldOf: (param: string) => string | null): { errors: FieldErrors; unplaced: ApiError | null } {
  if (!(error instanceof ApiError) || !error.param) return { errors: {}, unplaced: null };
  const field = fieldOf(error.param);
  if (field === null) return { errors: {}, unplaced: error };
  const prefix = `${error.param}: `;
  return { errors: { [field]: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message }, unplaced: null };
}

/** "12" -> 12; "" -> undefined; "1.5", "abc" -> NaN (the caller reports it). */
export function parseWholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** "a, b\nc,,a" -> ["a", "b", "c"]: commas or new lines, trimmed, duplicates dropped. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))];
}

export interface HeaderRow {
  name: string;
  value: string;
}

/**
 * Header rows -> a record. Rows with neither a name nor a value are dropped; a value without a
 * name and a name given twice (case-insensitively) are errors.
 */
export function headersFromRows(rows: readonly HeaderRow[]): { headers: Record<string, string>; error: string | null } {
  const headers: Record<string, string> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    if (!name && !row.value.trim()) continue;
    if (!name) return { headers, error: 'Every header needs a name' };
    if (seen.has(name.toLowerCase())) return { headers, error: `Header "${name}" is given twice` };
    seen.add(name.toLowerCase());
    headers[name] = row.value;
  }
  return { headers, error: null };
}

export const rowsFromHeaders = (headers: Record<string, string> | undefined): HeaderRow[] => Object.entries(headers ?? {}).map(([name, value]) => ({ name, value }));
