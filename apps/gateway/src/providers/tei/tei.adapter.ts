import type { ClientRequest, PreparedTarget, ProviderAdapter, UpstreamCall } from '../adapter.js';
import { openAiHeaders } from '../openai-compatible/openai-compatible.adapter.js';
import { openAiJsonBody } from '../openai-compatible/openai-compatible.request.js';
import { withQuery } from '../common/paths.js';
import { parseUpstreamJson } from '../common/upstream-error.js';
import { mapTeiError } from './tei.errors.js';
import { fromTeiRerank, teiRerankCall } from './tei.rerank.js';

/**
 * TEI's OpenAI-compatible embeddings route. It answers OpenAI's shape, usage included, and base64
 * when asked (huggingface/text-embeddings-inference#301, merged June 2024), so the body passes through both ways.
 */
function teiEmbeddingsCall(req: ClientRequest, target: PreparedTarget): UpstreamCall {
  return { method: 'POST', path: withQuery(`${target.basePath}/v1/embeddings`, target.search), headers: target.headers, body: openAiJsonBody(req) };
}

/**
 * Hugging Face text-embeddings-inference. The instance URL is the server root (TEI's routes are
 * `/v1/embeddings`, `/rerank`, `/health`; no `/v1` prefix for the latter two). Its API key, when set
 * (`--api-key`), is a Bearer token.
 */
export const teiAdapter: ProviderAdapter = {
  kind: 'tei',
  capabilities: {
    embeddings: { request: teiEmbeddingsCall },
    rerank: {
      request: teiRerankCall,
      response: (body, req) => ({ body: JSON.stringify(fromTeiRerank(parseUpstreamJson(body), req)), contentType: 'application/json' }),
    },
  },
  headers: openAiHeaders,
  healthPath: '/health',
  error: mapTeiError,
};
