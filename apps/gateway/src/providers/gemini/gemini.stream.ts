import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { SseEvent, StreamTranslator, TokenUsage } from '../adapter.js';
import type { ChunkDelta, Usage } from '../common/openai-wire.js';
import { ChunkWriter, SSE_DONE, sseError, toTokenUsage } from '../common/sse.js';
import { geminiErrorFor, readGoogleError } from './gemini.errors.js';
import { candidateIndex, finishReasonOf, functionCallParts, textOf, toolCallOf, usageOf } from './gemini.response.js';
import type { GeminiResponse } from './gemini.types.js';

export interface GeminiStreamOptions {
  fallbackModel: string;
  includeUsage: boolean;
  created: number;
  newId: () => string;
  newCallId: () => string;
}

/**
 * Gemini's `streamGenerateContent?alt=sse` -> OpenAI chunks. Each event is a whole
 * GenerateContentResponse: its text and function calls become deltas per candidate (the first one
 * with the role), its finishReason a finish chunk. Function calls arrive whole, so their arguments
 * come in one delta. usageMetadata is the running total: the last one wins. [DONE] comes at the end,
 * after the usage chunk when asked; an `{"error": ...}` event becomes one error event.
 */
export class GeminiStreamTranslator implements StreamTranslator {
  private writer: ChunkWriter | undefined;
  private readonly started = new Set<number>();
  private readonly toolCount = new Map<number, number>();
  private lastUsage: Usage | undefined;
  private finished = false;
  private done = false;

  constructor(private readonly options: GeminiStreamOptions) {}

  push(event: SseEvent): string {
    if (this.done) return '';
    let data: unknown;
    try {
      data = JSON.parse(event.data) as unknown;
    } catch {
      return '';
    }
    const error = readGoogleError(data);
    if (error) {
      this.done = true;
      return sseError(geminiErrorFor(error, typeof error.code === 'number' ? error.code : 500));
    }
    const r = data as GeminiResponse;
    this.writer ??= new ChunkWriter(r.responseId ?? this.options.newId(), this.options.created, r.modelVersion ?? this.options.fallbackModel, this.options.includeUsage);
    if (r.usageMetadata) this.lastUsage = usageOf(r.usageMetadata);

    let out = '';
    (r.candidates ?? []).forEach((c, position) => {
      const index = candidateIndex(c, position);
      const parts = c.content?.parts ?? [];
      const delta: ChunkDelta = {};
      if (!this.started.has(index)) delta.role = 'assistant';
      const text = textOf(parts);
      if (text) delta.content = text;
      const calls = functionCallParts(parts);
      if (calls.length > 0) {
        const first = this.toolCount.get(index) ?? 0;
        delta.tool_calls = calls.map((p, k) => ({ index: first + k, ...toolCallOf(p, this.options.newCallId) }));
        this.toolCount.set(index, first + calls.length);
      }
      if (delta.content !== undefined || delta.tool_calls !== undefined || (delta.role && c.finishReason)) {
        this.started.add(index);
        out += this.writer!.delta(index, delta);
      }
      const reason = finishReasonOf(c.finishReason, (this.toolCount.get(index) ?? 0) > 0);
      if (reason) {
        this.finished = true;
        out += this.writer!.delta(index, {}, reason);
      }
    });
    if ((r.candidates ?? []).length === 0 && r.promptFeedback?.blockReason) {
      this.finished = true;
      out += this.writer.delta(0, { role: 'assistant' }) + this.writer.delta(0, {}, 'content_filter');
    }
    return out;
  }

  end(): string {
    if (this.done) return '';
    this.done = true;
    if (!this.finished || !this.writer) return sseError(new GatewayError('upstream_error', 'The upstream stream ended before the answer was complete'));
    return this.writer.usage(this.lastUsage) + SSE_DONE;
  }

  usage(): TokenUsage | undefined {
    return this.lastUsage && toTokenUsage(this.lastUsage);
  }
}
