import { LineCounter, parseDocument } from 'yaml';

export type ParsedText = { ok: true; value: unknown } | { ok: false; message: string; line: number | null; column: number | null };

/** Anchors and aliases are fine; an alias bomb is not. */
const MAX_ALIAS_COUNT = 100;

/**
 * Reads a config document as YAML (JSON is YAML, so one parser takes both): the plain value, or the
 * first syntax error with its line and column (1-based). Duplicate keys and several documents in one
 * text are errors. Pure; the CLI uses it too.
 */
export function parseConfigText(text: string): ParsedText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const kind = /^\s*[{[]/.test(text) ? 'JSON' : 'YAML';
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { ok: false, message: `${kind} syntax error at line ${line}, column ${col}: ${error.message}`, line, column: col };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    return { ok: false, message: `${kind} error: ${(err as Error).message}`, line: null, column: null };
  }
}
