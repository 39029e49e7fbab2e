import type { TokenUsage } from '../providers/adapter.js';
import type { StreamMeta } from './output-meter.js';

const EMPTY_CHOICES_RE = /"choices"\s*:\s*\[\s*\]/;
const USAGE_OBJECT_RE = /"usage"\s*:\s*\{/;

/**
 * The extra last chunk `stream_options.include_usage` adds: `choices: []` and the whole usage. The
 * relay drops it when the gateway asked for usage on the client's behalf (see `injectIncludeUsage`).
 */
export function isUsageOnlyChunk(data: string | Record<string, unknown>): boolean {
  if (typeof data !== 'string') {
    return Array.isArray(data.choices) && data.choices.length === 0 && typeof data.usage === 'object' && data.usage !== null;
  }
  return EMPTY_CHOICES_RE.test(data) && USAGE_OBJECT_RE.test(data);
}

const event = (payload: unknown) => `data: ${JSON.stringify(payload)}\n\n`;
const DONE = 'data: [DONE]\n\n';

function head(meta: StreamMeta) {
  return {
    id: meta.id,
    object: meta.object,
    created: meta.created,
    model: meta.model,
    ...(meta.system_fingerprint !== undefined ? { system_fingerprint: meta.system_fingerprint } : {}),
  };
}

/** One event: the usage chunk (`choices: []`), as OpenAI sends it last with include_usage. */
export function usageChunk(meta: StreamMeta, usage: TokenUsage): string {
  return event({ ...head(meta), choices: [], usage: { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, total_tokens: usage.total_tokens } });
}

/**
 * How a stream cut at an output-token limit ends, as the `openai` SDK expects a normal end: one chunk
 * closing every open choice with `finish_reason: "length"` (same id / created / model as the stream),
 * the usage chunk when `usage` is given, then `data: [DONE]`.
 */
export function truncationChunk(meta: StreamMeta, usage?: TokenUsage): string {
  const choices = meta.open_choices.map((index) =>
    meta.object === 'text_completion' ? { text: '', index, logprobs: null, finish_reason: 'length' } : { index, delta: {}, logprobs: null, finish_reason: 'length' },
  );
  const chunk = event({ ...head(meta), choices, ...(meta.usage_field ? { usage: null } : {}) });
  return chunk + (usage ? usageChunk(meta, usage) : '') + DONE;
}

/** The usage chunk and `data: [DONE]`: the end of a stream whose upstream did not report usage itself. */
export function finalUsageChunk(meta: StreamMeta, usage: TokenUsage): string {
  return usageChunk(meta, usage) + DONE;
}
