import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { SseEvent, StreamTranslator, TokenUsage } from '../adapter.js';
import type { Usage } from '../common/openai-wire.js';
import { ChunkWriter, SSE_DONE, sseError, toTokenUsage } from '../common/sse.js';
import { anthropicErrorFor, readAnthropicError } from './anthropic.errors.js';
import { finishReasonOf, usageOf } from './anthropic.response.js';
import type { AnthropicUsage } from './anthropic.types.js';

interface StreamEvent {
  type?: string;
  message?: { id?: string; model?: string; usage?: AnthropicUsage };
  index?: number;
  content_block?: { type?: string; id?: string; name?: string; text?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
  error?: { type?: string; message?: string };
}

export interface AnthropicStreamOptions {
  fallbackModel: string;
  includeUsage: boolean;
  created: number;
  fallbackId: () => string;
}

/**
 * Anthropic's Messages stream -> OpenAI chunks. message_start opens (role chunk); text and tool_use
 * blocks become content and tool_calls deltas (tool calls numbered 0.. in order, arguments growing
 * over chunks); message_delta carries the finish reason and the CUMULATIVE usage (replaced, never
 * added); message_stop ends with the usage chunk (when asked) and [DONE]. `ping` and unknown events
 * are ignored; an `error` event becomes one error event, then [DONE].
 */
export class AnthropicStreamTranslator implements StreamTranslator {
  private writer: ChunkWriter | undefined;
  private readonly toolIndexOfBlock = new Map<number, number>();
  private usageSoFar: AnthropicUsage | undefined;
  private finished = false;
  private done = false;

  constructor(private readonly options: AnthropicStreamOptions) {}

  private out(id?: string, model?: string): ChunkWriter {
    this.writer ??= new ChunkWriter(id ?? this.options.fallbackId(), this.options.created, model ?? this.options.fallbackModel, this.options.includeUsage);
    return this.writer;
  }

  push(event: SseEvent): string {
    if (this.done) return '';
    let data: StreamEvent;
    try {
      data = JSON.parse(event.data) as StreamEvent;
    } catch {
      return '';
    }
    switch (data.type ?? event.event) {
      case 'message_start': {
        const message = data.message ?? {};
        this.usageSoFar = { ...message.usage };
        return this.out(message.id, message.model).delta(0, { role: 'assistant', content: '' });
      }
      case 'content_block_start': {
        const block = data.content_block ?? {};
        if (block.type === 'tool_use' && typeof data.index === 'number') {
          const toolIndex = this.toolIndexOfBlock.size;
          this.toolIndexOfBlock.set(data.index, toolIndex);
          return this.out().delta(0, { tool_calls: [{ index: toolIndex, id: block.id ?? '', type: 'function', function: { name: block.name ?? '', arguments: '' } }] });
        }
        if (block.type === 'text' && block.text) return this.out().delta(0, { content: block.text });
        return '';
      }
      case 'content_block_delta': {
        const delta = data.delta ?? {};
        if (delta.type === 'text_delta' && delta.text) return this.out().delta(0, { content: delta.text });
        if (delta.type === 'input_json_delta' && delta.partial_json && typeof data.index === 'number') {
          const toolIndex = this.toolIndexOfBlock.get(data.index);
          if (toolIndex === undefined) return '';
          return this.out().delta(0, { tool_calls: [{ index: toolIndex, function: { arguments: delta.partial_json } }] });
        }
        return '';
      }
      case 'message_delta': {
        // Cumulative: the latest value of each field replaces the earlier one.
        if (data.usage) this.usageSoFar = { ...this.usageSoFar, ...definedOnly(data.usage) };
        const reason = finishReasonOf(data.delta?.stop_reason);
        if (!reason) return '';
        this.finished = true;
        return this.out().delta(0, {}, reason);
      }
      case 'message_stop':
        return this.close();
      case 'error': {
        const e = readAnthropicError(data) ?? { type: 'api_error', message: 'unknown error' };
        this.done = true;
        return sseError(anthropicErrorFor(e.type, e.message) ?? new GatewayError('upstream_error', `Anthropic ${e.type}: ${e.message}`));
      }
      default: // ping, content_block_stop, anything new
        return '';
    }
  }

  private close(): string {
    this.done = true;
    return this.out().usage(this.openAiUsage()) + SSE_DONE;
  }

  end(): string {
    if (this.done) return '';
    if (this.finished) return this.close();
    this.done = true;
    return sseError(new GatewayError('upstream_error', 'The upstream stream ended before the message was complete'));
  }

  private openAiUsage(): Usage | undefined {
    return this.usageSoFar ? usageOf(this.usageSoFar) : undefined;
  }

  usage(): TokenUsage | undefined {
    const u = this.openAiUsage();
    return u && toTokenUsage(u);
  }
}

function definedOnly(u: AnthropicUsage): AnthropicUsage {
  return Object.fromEntries(Object.entries(u).filter(([, v]) => v !== undefined && v !== null)) as AnthropicUsage;
}
