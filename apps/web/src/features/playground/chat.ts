import type { ErrorBody } from '@aigw/shared/errors';
import { parseWholeNumber, type FieldErrors } from '../../lib/form-errors';

/** What the playground form holds. The API key lives in memory only, never in storage. */
export interface PlaygroundValues {
  model: string;
  apiKey: string;
  system: string;
  message: string;
  temperature: string;
  maxTokens: string;
  stream: boolean;
}

export const initialPlaygroundValues: PlaygroundValues = { model: '', apiKey: '', system: '', message: '', temperature: '', maxTokens: '', stream: true };

/** The body of `POST /v1/chat/completions` the playground sends (OpenAI's wire). */
export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: 'system' | 'user'; content: string }>;
  stream: boolean;
  stream_options?: { include_usage: boolean };
  temperature?: number;
  max_tokens?: number;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** The parts of OpenAI's chat completion and chunk bodies the playground reads. */
interface ChoiceLike {
  delta?: { content?: string | null; reasoning_content?: string | null };
  message?: { content?: string | null };
  finish_reason?: string | null;
}
interface ChatBodyLike {
  model?: string;
  choices?: ChoiceLike[];
  usage?: Usage | null;
  error?: Partial<ErrorBody['error']>;
}

export type ChatRequestResult = { ok: true; body: ChatRequestBody } | { ok: false; errors: FieldErrors };

export function toChatRequest(values: PlaygroundValues): ChatRequestResult {
  const errors: FieldErrors = {};
  if (!values.model) errors.model = 'Choose a model';
  const apiKey = values.apiKey.trim();
  if (!apiKey) errors.apiKey = 'Paste an API key';
  else if (/\s/.test(apiKey)) errors.apiKey = 'An API key has no spaces';
  if (!values.message.trim()) errors.message = 'Write a message';
  let temperature: number | undefined;
  if (values.temperature.trim()) {
    temperature = Number(values.temperature.trim());
    if (!Number.isFinite(temperature) || temperature < 0 || temperature > 2) errors.temperature = 'Between 0 and 2';
  }
  const maxTokens = parseWholeNumber(values.maxTokens);
  if (maxTokens !== undefined && (Number.isNaN(maxTokens) || maxTokens < 1)) errors.maxTokens = 'A whole number of at least 1';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const system = values.system.trim();
  return {
    ok: true,
    body: {
      model: values.model,
      messages: [...(system ? [{ role: 'system' as const, content: system }] : []), { role: 'user', content: values.message }],
      stream: values.stream,
      // Usage arrives in a last chunk only when asked for.
      ...(values.stream ? { stream_options: { include_usage: true } } : {}),
      ...(temperature !== undefined ? { temperature } : {}),
      ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
    },
  };
}

export interface ChatError {
  message: string;
  code: string | null;
  type: string | null;
}

/** One exchange as it unfolds: the answer so far and what is known about it. */
export interface ChatRun {
  text: string;
  /** The model that answered, as the response names it. */
  model: string | null;
  finishReason: string | null;
  usage: Usage | null;
  /** An error reported inside the stream (or a body that is not a chat completion). */
  error: ChatError | null;
  /** `[DONE]` arrived (or the in-band error ended the stream). */
  done: boolean;
}

export const emptyRun = (): ChatRun => ({ text: '', model: null, finishReason: null, usage: null, error: null, done: false });

const errorOf = (e: Partial<ErrorBody['error']>): ChatError => ({
  message: typeof e.message === 'string' && e.message ? e.message : 'The upstream reported an error',
  code: e.code ?? null,
  type: e.type ?? null,
});

/**
 * Applies one SSE `data:` payload of a streamed chat completion: `[DONE]` ends it; an in-band
 * `{"error": ...}` ends it with that error; a chunk appends its content delta and records the
 * model, finish reason and usage (the last chunk's, with `stream_options.include_usage`).
 */
export function applyStreamData(run: ChatRun, data: string): ChatRun {
  if (run.done) return run;
  if (data.trim() === '[DONE]') return { ...run, done: true };
  let body: ChatBodyLike;
  try {
    body = JSON.parse(data) as ChatBodyLike;
  } catch {
    return { ...run, error: { message: `Unreadable event from the gateway: ${data.slice(0, 200)}`, code: null, type: null }, done: true };
  }
  if (body.error) return { ...run, error: errorOf(body.error), done: true };
  const choice = body.choices?.[0];
  return {
    ...run,
    text: run.text + (choice?.delta?.content ?? ''),
    model: body.model ?? run.model,
    finishReason: choice?.finish_reason ?? run.finishReason,
    usage: body.usage ?? run.usage,
  };
}

/** A non-streamed chat completion body -> the finished run. */
export function runFromCompletion(body: unknown): ChatRun {
  const b = (body ?? {}) as ChatBodyLike;
  if (b.error) return { ...emptyRun(), error: errorOf(b.error), done: true };
  const choice = b.choices?.[0];
  if (!choice) return { ...emptyRun(), error: { message: 'The answer has no choices', code: null, type: null }, done: true };
  return { text: choice.message?.content ?? '', model: b.model ?? null, finishReason: choice.finish_reason ?? null, usage: b.usage ?? null, error: null, done: true };
}
