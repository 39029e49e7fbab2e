import { randomUUID } from 'node:crypto';
import type { ProviderAdapter, UpstreamTarget } from '../adapter.js';
import { wantsStreamUsage } from '../common/openai-wire.js';
import { parseUpstreamJson } from '../common/upstream-error.js';
import { mapAnthropicError } from './anthropic.errors.js';
import { anthropicCall } from './anthropic.request.js';
import { fromAnthropicResponse } from './anthropic.response.js';
import { AnthropicStreamTranslator } from './anthropic.stream.js';

export const ANTHROPIC_VERSION = '2023-06-01';

export interface AnthropicAdapterOptions {
  /** Milliseconds since the epoch; tests pin it. */
  now?: () => number;
  newId?: () => string;
}

export function anthropicHeaders(target: UpstreamTarget): Record<string, string> {
  return {
    'content-type': 'application/json',
    'anthropic-version': ANTHROPIC_VERSION,
    ...target.extraHeaders, // e.g. anthropic-beta
    ...(target.apiKey ? { 'x-api-key': target.apiKey } : {}),
  };
}

/** Anthropic's Messages API (`{basePath}/messages`, basePath usually `/v1`) behind OpenAI's chat completions. */
export function createAnthropicAdapter(options: AnthropicAdapterOptions = {}): ProviderAdapter {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => `chatcmpl-${randomUUID()}`);
  const seconds = () => Math.floor(now() / 1000);
  return {
    kind: 'anthropic',
    capabilities: {
      chat: {
        request: anthropicCall,
        response: (body, req) => ({
          body: JSON.stringify(fromAnthropicResponse(parseUpstreamJson(body), req.model, seconds())),
          contentType: 'application/json',
        }),
        stream: (req) =>
          new AnthropicStreamTranslator({ fallbackModel: req.model, includeUsage: wantsStreamUsage(req.json), created: seconds(), fallbackId: newId }),
      },
    },
    headers: anthropicHeaders,
    healthPath: '/models',
    error: mapAnthropicError,
  };
}

export const anthropicAdapter: ProviderAdapter = createAnthropicAdapter();
