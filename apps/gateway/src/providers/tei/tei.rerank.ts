import type { ClientRequest, PreparedTarget, UpstreamCall } from '../adapter.js';
import { invalidParam } from '../common/openai-wire.js';
import { withQuery } from '../common/paths.js';
import { badUpstreamBody } from '../common/upstream-error.js';

/** TEI's `POST /rerank` body. */
export interface TeiRerankRequest {
  query: string;
  texts: string[];
  raw_scores: false;
  return_text: false;
  truncate: true;
}

/** The rerank answer we expose (Cohere / Jina / vLLM family). */
export interface RerankResponse {
  model: string;
  results: { index: number; relevance_score: number; document?: { text: string } }[];
}

interface ClientRerank {
  query: string;
  texts: string[];
  topN: number | undefined;
  returnDocuments: boolean;
}

/** `{model, query, documents: [string | {text}], top_n, return_documents}`, checked. */
export function readClientRerank(json: Record<string, unknown>): ClientRerank {
  const { query, documents, top_n: topN, return_documents: returnDocuments } = json;
  if (typeof query !== 'string' || query === '') throw invalidParam('query', 'expected a non-empty string');
  if (!Array.isArray(documents) || documents.length === 0) throw invalidParam('documents', 'expected a non-empty array of strings or {text} objects');
  const texts = documents.map((d: unknown, i) => {
    if (typeof d === 'string') return d;
    const text = (d as { text?: unknown } | null)?.text;
    if (typeof text === 'string') return text;
    throw invalidParam(`documents[${i}]`, 'expected a string or an object with a text field');
  });
  if (topN !== undefined && topN !== null && (typeof topN !== 'number' || !Number.isInteger(topN) || topN < 1)) {
    throw invalidParam('top_n', 'expected a positive integer');
  }
  if (returnDocuments !== undefined && returnDocuments !== null && typeof returnDocuments !== 'boolean') {
    throw invalidParam('return_documents', 'expected a boolean');
  }
  return { query, texts, topN: typeof topN === 'number' ? topN : undefined, returnDocuments: returnDocuments === true };
}

/** Normalized scores (not raw logits), no texts echoed back (we hold them), long inputs truncated rather than refused. */
export function toTeiRerank(req: ClientRequest): TeiRerankRequest {
  const { query, texts } = readClientRerank(req.json);
  return { query, texts, raw_scores: false, return_text: false, truncate: true };
}

export function teiRerankCall(req: ClientRequest, target: PreparedTarget): UpstreamCall {
  return { method: 'POST', path: withQuery(`${target.basePath}/rerank`, target.search), headers: target.headers, body: JSON.stringify(toTeiRerank(req)) };
}

/**
 * TEI's bare `[{index, score}]` -> `{model, results: [{index, relevance_score, document?}]}`, best
 * first, cut to `top_n`, documents attached when asked. TEI reports no token usage for rerank, so
 * the answer carries none rather than a made-up zero.
 */
export function fromTeiRerank(body: unknown, req: ClientRequest): RerankResponse {
  if (!Array.isArray(body) || !body.every((r: { index?: unknown; score?: unknown }) => typeof r?.index === 'number' && typeof r.score === 'number')) {
    throw badUpstreamBody('not a TEI rerank list');
  }
  const { texts, topN, returnDocuments } = readClientRerank(req.json);
  const ranked = [...(body as { index: number; score: number }[])].sort((a, b) => b.score - a.score || a.index - b.index);
  const results = ranked.slice(0, topN ?? ranked.length).map(({ index, score }) => {
    const text = texts[index];
    return returnDocuments && text !== undefined ? { index, relevance_score: score, document: { text } } : { index, relevance_score: score };
  });
  return { model: req.model, results };
}
