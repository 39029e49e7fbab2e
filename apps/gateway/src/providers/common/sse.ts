// What a translating stream sends the client: OpenAI's `data:` events. Framing of what comes in is
// the relay's job; these helpers only write.
import type { GatewayError } from '@aigw/server-kit/gateway-error';
import type { TokenUsage } from '../adapter.js';
import type { ChatCompletionChunk, ChunkDelta, FinishReason, Usage } from './openai-wire.js';

export const SSE_DONE = 'data: [DONE]\n\n';

export const sseData = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;

/** The one in-stream error event (the status is already 200), then [DONE]: never a silent cut. */
export const sseError = (error: GatewayError): string => sseData(error.toBody()) + SSE_DONE;

export const toTokenUsage = (u: Usage): TokenUsage => ({ prompt_tokens: u.prompt_tokens, completion_tokens: u.completion_tokens, total_tokens: u.total_tokens });

/** Writes `chat.completion.chunk` events that all carry one id, created and model. */
export class ChunkWriter {
  constructor(
    readonly id: string,
    readonly created: number,
    readonly model: string,
    /** The client asked `stream_options.include_usage`: every chunk has `usage: null`, one last chunk the usage. */
    private readonly includeUsage: boolean,
  ) {}

  private chunk(choices: ChatCompletionChunk['choices']): ChatCompletionChunk {
    const c: ChatCompletionChunk = { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model, choices };
    if (this.includeUsage) c.usage = null;
    return c;
  }

  delta(index: number, delta: ChunkDelta, finishReason: FinishReason | null = null): string {
    return sseData(this.chunk([{ index, delta, logprobs: null, finish_reason: finishReason }]));
  }

  /** The usage chunk (`choices: []`) when the client asked for it, else nothing. */
  usage(usage: Usage | undefined): string {
    if (!this.includeUsage || !usage) return '';
    return sseData({ ...this.chunk([]), usage });
  }
}
