import type { ChatCompletion, FinishReason, ResponseToolCall, Usage } from '../common/openai-wire.js';
import { badUpstreamBody } from '../common/upstream-error.js';
import type { GeminiCandidate, GeminiPart, GeminiResponse, GeminiUsageMetadata } from './gemini.types.js';

const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'OTHER', 'IMAGE_SAFETY', 'LANGUAGE']);

/** Gemini's finishReason -> OpenAI's (API-CONTRACT.md); a stop with function calls is `tool_calls`. */
export function finishReasonOf(reason: string | undefined, hasToolCalls: boolean): FinishReason | null {
  if (!reason) return null;
  if (reason === 'MAX_TOKENS') return 'length';
  if (FILTERED.has(reason)) return 'content_filter';
  return hasToolCalls ? 'tool_calls' : 'stop';
}

const n = (v: number | undefined) => (typeof v === 'number' ? v : 0);

/** usageMetadata -> usage: thinking tokens are completion tokens (as OpenAI counts reasoning), tool-use prompts are prompt tokens. */
export function usageOf(u: GeminiUsageMetadata): Usage {
  const prompt = n(u.promptTokenCount) + n(u.toolUsePromptTokenCount);
  const completion = n(u.candidatesTokenCount) + n(u.thoughtsTokenCount);
  const usage: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: u.totalTokenCount ?? prompt + completion };
  if (typeof u.cachedContentTokenCount === 'number') usage.prompt_tokens_details = { cached_tokens: u.cachedContentTokenCount };
  if (typeof u.thoughtsTokenCount === 'number') usage.completion_tokens_details = { reasoning_tokens: u.thoughtsTokenCount };
  return usage;
}

/** The answer's text (thought summaries left out). */
export const textOf = (parts: readonly GeminiPart[]) =>
  parts
    .filter((p) => typeof p.text === 'string' && !p.thought)
    .map((p) => p.text)
    .join('');

/** A functionCall part -> an OpenAI tool call; the thought signature rides along for the next turn. */
export function toolCallOf(part: GeminiPart & { functionCall: NonNullable<GeminiPart['functionCall']> }, newId: () => string): ResponseToolCall {
  const call: ResponseToolCall = {
    id: part.functionCall.id ?? newId(),
    type: 'function',
    function: { name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) },
  };
  if (part.thoughtSignature) call.extra_content = { google: { thought_signature: part.thoughtSignature } };
  return call;
}

export const functionCallParts = (parts: readonly GeminiPart[]) =>
  parts.filter((p): p is GeminiPart & { functionCall: NonNullable<GeminiPart['functionCall']> } => p.functionCall !== undefined);

export const candidateIndex = (c: GeminiCandidate, position: number) => c.index ?? position;

export interface GeminiResponseContext {
  fallbackModel: string;
  created: number;
  newId: () => string;
  newCallId: () => string;
}

/** A generateContent answer -> an OpenAI chat.completion; a blocked prompt is one content_filter choice. */
export function fromGeminiResponse(body: unknown, ctx: GeminiResponseContext): ChatCompletion {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badUpstreamBody('not a Gemini response');
  const r = body as GeminiResponse;
  const candidates = r.candidates ?? [];
  const choices: ChatCompletion['choices'] = candidates.map((c, i) => {
    const parts = c.content?.parts ?? [];
    const toolCalls = functionCallParts(parts).map((p) => toolCallOf(p, ctx.newCallId));
    const text = textOf(parts);
    const message: ChatCompletion['choices'][number]['message'] = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text };
    if (toolCalls.length > 0) message.tool_calls = toolCalls;
    return { index: candidateIndex(c, i), message, logprobs: null, finish_reason: finishReasonOf(c.finishReason, toolCalls.length > 0) };
  });
  if (choices.length === 0 && r.promptFeedback?.blockReason) {
    choices.push({ index: 0, message: { role: 'assistant', content: null }, logprobs: null, finish_reason: 'content_filter' });
  }
  const out: ChatCompletion = {
    id: r.responseId ?? ctx.newId(),
    object: 'chat.completion',
    created: ctx.created,
    model: r.modelVersion ?? ctx.fallbackModel,
    choices,
  };
  if (r.usageMetadata) out.usage = usageOf(r.usageMetadata);
  return out;
}
