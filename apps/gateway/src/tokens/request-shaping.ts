import { encodingFor } from './encodings.js';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * For a streamed chat/completions request: asks the upstream for its usage chunk
 * (`stream_options.include_usage`) when the client did not. `injected` is true when the gateway added
 * it: the relay must then drop the usage-only chunk (`isUsageOnlyChunk`) before the client sees it.
 * Returns a new object when it changes anything; the input is never modified.
 */
export function injectIncludeUsage(json: Json): { json: Json; injected: boolean } {
  if (json.stream !== true || clientAskedForUsage(json)) return { json, injected: false };
  const options = json.stream_options;
  return { json: { ...json, stream_options: { ...(isRecord(options) ? options : {}), include_usage: true } }, injected: true };
}

/** The client asked for the usage chunk itself (`stream_options.include_usage: true`). */
export const clientAskedForUsage = (json: Json): boolean => isRecord(json.stream_options) && json.stream_options.include_usage === true;

export type MaxTokensField = 'max_tokens' | 'max_completion_tokens';

const FIELDS: readonly MaxTokensField[] = ['max_completion_tokens', 'max_tokens'];

/**
 * Which field to add when the client set none: OpenAI families take `max_completion_tokens` (o-series
 * and gpt-5 reject `max_tokens`, which OpenAI deprecated); others (vLLM, Ollama, ...) know `max_tokens`.
 */
export function preferredMaxTokensField(model: string): MaxTokensField {
  return encodingFor(model) !== null ? 'max_completion_tokens' : 'max_tokens';
}

/**
 * Caps the output of a request at `limit`: each token-limit field the client set becomes
 * min(client's, limit) (a value that is not a positive number becomes `limit`); with none set, the
 * model's preferred field is added. `model` defaults to the body's (pass the upstream model after a
 * rename). Returns a new object when it changes anything; the input is never modified.
 */
export function capMaxTokens(json: Json, limit: number, model?: string): { json: Json; changed: boolean } {
  const cap = Math.max(1, Math.floor(limit));
  let out: Json | undefined;
  for (const field of FIELDS) {
    const value = json[field];
    if (value === undefined || value === null) continue;
    const capped = typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(value, cap) : cap;
    if (capped !== value) (out ??= { ...json })[field] = capped;
  }
  const hasField = FIELDS.some((f) => json[f] !== undefined && json[f] !== null);
  if (!hasField) {
    const name = model ?? (typeof json.model === 'string' ? json.model : '');
    out = { ...json, [preferredMaxTokensField(name)]: cap };
  }
  return out ? { json: out, changed: true } : { json, changed: false };
}
