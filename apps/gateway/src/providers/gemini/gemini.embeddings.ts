import type { ClientRequest, PreparedTarget, UpstreamCall } from '../adapter.js';
import { floatsToBase64, wantsBase64 } from '../common/embeddings.js';
import { invalidParam, type EmbeddingList } from '../common/openai-wire.js';
import { withQuery } from '../common/paths.js';
import { badUpstreamBody } from '../common/upstream-error.js';
import { modelResource } from './gemini.request.js';

interface BatchEmbedRequest {
  requests: { model: string; content: { parts: { text: string }[] }; outputDimensionality?: number }[];
}

/** OpenAI's `input` as texts: a string or a list of strings (Gemini takes no token ids). */
function textsOf(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((t) => typeof t === 'string')) return input as string[];
  throw invalidParam('input', 'Gemini embeddings take a string or a non-empty array of strings (not token ids)');
}

export function toBatchEmbedRequest(req: ClientRequest): BatchEmbedRequest {
  const model = modelResource(req.model);
  const dimensions = req.json.dimensions;
  if (dimensions !== undefined && (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1)) {
    throw invalidParam('dimensions', 'must be a positive integer');
  }
  return {
    requests: textsOf(req.json.input).map((text) => ({
      model,
      content: { parts: [{ text }] },
      ...(typeof dimensions === 'number' ? { outputDimensionality: dimensions } : {}),
    })),
  };
}

export function geminiEmbeddingsCall(req: ClientRequest, target: PreparedTarget): UpstreamCall {
  return {
    method: 'POST',
    path: withQuery(`${target.basePath}/${modelResource(req.model)}:batchEmbedContents`, target.search),
    headers: target.headers,
    body: JSON.stringify(toBatchEmbedRequest(req)),
  };
}

/**
 * `{embeddings: [{values}]}` -> OpenAI's embeddings list, base64 (little-endian float32) when the
 * client asked. Gemini reports no token counts for embeddings: usage is 0, not an estimate.
 */
export function fromBatchEmbedResponse(body: unknown, req: ClientRequest): EmbeddingList {
  const embeddings = (body as { embeddings?: { values?: unknown }[] } | null)?.embeddings;
  if (!Array.isArray(embeddings) || !embeddings.every((e) => Array.isArray(e.values))) throw badUpstreamBody('no embeddings');
  const base64 = wantsBase64(req.json);
  return {
    object: 'list',
    data: embeddings.map((e, index) => {
      const values = e.values as number[];
      return { object: 'embedding', embedding: base64 ? floatsToBase64(values) : values, index };
    }),
    model: req.model,
    usage: { prompt_tokens: 0, total_tokens: 0 },
  };
}
