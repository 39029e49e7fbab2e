import type { ChatCompletion, FinishReason, ResponseToolCall, Usage } from '../common/openai-wire.js';
import { badUpstreamBody } from '../common/upstream-error.js';
import type { AnthropicResponse, AnthropicUsage } from './anthropic.types.js';

/** Anthropic's stop_reason -> OpenAI's finish_reason (API-CONTRACT.md). */
export function finishReasonOf(stopReason: string | null | undefined): FinishReason | null {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    case null:
    case undefined:
      return null;
    default:
      return 'stop';
  }
}

const n = (v: number | null | undefined) => (typeof v === 'number' ? v : 0);

/** Anthropic usage -> OpenAI's: every input token (cache writes and reads included) is a prompt token. */
export function usageOf(u: AnthropicUsage): Usage {
  const prompt = n(u.input_tokens) + n(u.cache_creation_input_tokens) + n(u.cache_read_input_tokens);
  const completion = n(u.output_tokens);
  const usage: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (typeof u.cache_read_input_tokens === 'number') usage.prompt_tokens_details = { cached_tokens: u.cache_read_input_tokens };
  return usage;
}

function isAnthropicResponse(body: unknown): body is AnthropicResponse {
  const b = body as Partial<AnthropicResponse> | null;
  return typeof b === 'object' && b !== null && typeof b.id === 'string' && Array.isArray(b.content);
}

/** An Anthropic message -> an OpenAI chat.completion. `created` is ours (Anthropic sends none). */
export function fromAnthropicResponse(body: unknown, fallbackModel: string, created: number): ChatCompletion {
  if (!isAnthropicResponse(body)) throw badUpstreamBody('not an Anthropic message');
  let text = '';
  const toolCalls: ResponseToolCall[] = [];
  for (const block of body.content) {
    if (block.type === 'text' && 'text' in block) text += block.text;
    else if (block.type === 'tool_use' && 'id' in block) {
      toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    }
  }
  const message: ChatCompletion['choices'][number]['message'] = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    id: body.id,
    object: 'chat.completion',
    created,
    model: typeof body.model === 'string' ? body.model : fallbackModel,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonOf(body.stop_reason) }],
    usage: usageOf(body.usage ?? {}),
  };
}
