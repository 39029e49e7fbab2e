import { randomUUID } from 'node:crypto';
import type { ProviderAdapter, UpstreamTarget } from '../adapter.js';
import { wantsStreamUsage } from '../common/openai-wire.js';
import { parseUpstreamJson } from '../common/upstream-error.js';
import { fromBatchEmbedResponse, geminiEmbeddingsCall } from './gemini.embeddings.js';
import { mapGeminiError } from './gemini.errors.js';
import { geminiChatCall } from './gemini.request.js';
import { fromGeminiResponse } from './gemini.response.js';
import { GeminiStreamTranslator } from './gemini.stream.js';

export interface GeminiAdapterOptions {
  /** Milliseconds since the epoch; tests pin it. */
  now?: () => number;
  /** Completion ids when Gemini sends no responseId. */
  newId?: () => string;
  /** Tool call ids when Gemini's functionCall has none. */
  newCallId?: () => string;
}

export function geminiHeaders(target: UpstreamTarget): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...target.extraHeaders,
    ...(target.apiKey ? { 'x-goog-api-key': target.apiKey } : {}),
  };
}

const json = (value: unknown) => ({ body: JSON.stringify(value), contentType: 'application/json' });

/** The Gemini API (instance URL `https://generativelanguage.googleapis.com/v1beta`) behind OpenAI's chat and embeddings. */
export function createGeminiAdapter(options: GeminiAdapterOptions = {}): ProviderAdapter {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => `chatcmpl-${randomUUID()}`);
  const newCallId = options.newCallId ?? (() => `call_${randomUUID().replaceAll('-', '')}`);
  const seconds = () => Math.floor(now() / 1000);
  return {
    kind: 'gemini',
    capabilities: {
      chat: {
        request: geminiChatCall,
        response: (body, req) => json(fromGeminiResponse(parseUpstreamJson(body), { fallbackModel: req.model, created: seconds(), newId, newCallId })),
        stream: (req) =>
          new GeminiStreamTranslator({ fallbackModel: req.model, includeUsage: wantsStreamUsage(req.json), created: seconds(), newId, newCallId }),
      },
      embeddings: {
        request: geminiEmbeddingsCall,
        response: (body, req) => json(fromBatchEmbedResponse(parseUpstreamJson(body), req)),
      },
    },
    headers: geminiHeaders,
    healthPath: '/models',
    error: mapGeminiError,
  };
}

export const geminiAdapter: ProviderAdapter = createGeminiAdapter();
