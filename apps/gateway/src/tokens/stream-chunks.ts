import type { TokenUsage } from '../providers/adapter.js';
import type { StreamMeta } from './output-meter.js';

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
  return event({ ...head(meta), choices: [], usage: usageOf(usage) });
}

const usageOf = (usage: TokenUsage) => ({ prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, total_tokens: usage.total_tokens });

/**
 * How a stream cut at an output-token limit ends, as the `openai` SDK expects a normal end: one chunk
 * closing every open choice with `finish_reason: "length"` (same id / created / model as the stream),
 * the usage chunk when `usage` is given, then `data: [DONE]`. With `inline`, the usage rides on the
 * closing chunk instead (for a client that did not ask for the separate usage chunk).
 */
export function truncationChunk(meta: StreamMeta, usage?: TokenUsage, inline = false): string {
  const choices = meta.open_choices.map((index) =>
    meta.object === 'text_completion' ? { text: '', index, logprobs: null, finish_reason: 'length' } : { index, delta: {}, logprobs: null, finish_reason: 'length' },
  );
  const usageField = inline && usage ? { usage: usageOf(usage) } : meta.usage_field ? { usage: null } : {};
  const chunk = event({ ...head(meta), choices, ...usageField });
  return chunk + (usage && !inline ? usageChunk(meta, usage) : '') + DONE;
}
