import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodyJson, clientRequest, preparedTarget } from '../testing/fixtures.js';
import { teiAdapter as adapter } from './tei.adapter.js';

const read = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const fixture = (name: string) => JSON.parse(read(name)) as Record<string, unknown>;

const target = preparedTarget(adapter, { basePath: '', apiKey: 'tei-key' });
const rerank = adapter.capabilities.rerank!;
const rerankRequest = (json: Record<string, unknown>) => clientRequest(json, { operation: 'rerank', model: 'BAAI/bge-reranker-v2-m3', renamed: true });

describe('tei adapter: rerank', () => {
  it('translates Cohere/Jina rerank to TEI /rerank at the server root', () => {
    const call = rerank.request(rerankRequest(fixture('rerank.request.json')), target);
    expect({ ...call, body: bodyJson(call.body) }).toEqual({
      method: 'POST',
      path: '/rerank',
      headers: { 'content-type': 'application/json', authorization: 'Bearer tei-key' },
      body: fixture('rerank.upstream.json'),
    });
  });

  it('answers best first, cut to top_n, with the documents when asked', () => {
    const out = rerank.response!(Buffer.from(read('rerank-answer.upstream.json')), rerankRequest(fixture('rerank.request.json')));
    expect({ contentType: out.contentType, body: JSON.parse(out.body.toString()) as unknown }).toEqual({
      contentType: 'application/json',
      body: fixture('rerank-answer.expected.json'),
    });
  });

  it('sorts an unsorted answer itself and leaves documents out by default', () => {
    const shuffled = Buffer.from(JSON.stringify([{ index: 0, score: 0.1 }, { index: 2, score: 0.7 }, { index: 1, score: 0.7 }]));
    const out = rerank.response!(shuffled, rerankRequest({ model: 'r', query: 'q', documents: ['a', 'b', 'c'] }));
    expect(JSON.parse(out.body.toString())).toEqual({
      model: 'BAAI/bge-reranker-v2-m3',
      results: [
        { index: 1, relevance_score: 0.7 },
        { index: 2, relevance_score: 0.7 },
        { index: 0, relevance_score: 0.1 },
      ],
    });
  });

  it('refuses malformed rerank requests, naming the field', () => {
    const refuse = (json: Record<string, unknown>) => () => rerank.request(rerankRequest({ model: 'r', ...json }), target);
    expect(refuse({ documents: ['a'] })).toThrow(expect.objectContaining({ status: 400, param: 'query' }));
    expect(refuse({ query: 'q', documents: [] })).toThrow(expect.objectContaining({ status: 400, param: 'documents' }));
    expect(refuse({ query: 'q', documents: ['a', { title: 'no text' }] })).toThrow(expect.objectContaining({ status: 400, param: 'documents[1]' }));
    expect(refuse({ query: 'q', documents: ['a'], top_n: 0 })).toThrow(expect.objectContaining({ status: 400, param: 'top_n' }));
    expect(refuse({ query: 'q', documents: ['a'], return_documents: 'yes' })).toThrow(expect.objectContaining({ status: 400, param: 'return_documents' }));
  });

  it('reports an answer that is not TEI’s list as an upstream error', () => {
    expect(() => rerank.response!(Buffer.from('{"results":[]}'), rerankRequest({ model: 'r', query: 'q', documents: ['a'] }))).toThrow(
      expect.objectContaining({ status: 502, code: 'upstream_error' }),
    );
  });
});

describe('tei adapter: embeddings, health, errors', () => {
  it('passes embeddings through TEI’s OpenAI route (base64 included) byte for byte', () => {
    const req = clientRequest({ model: 'bge', input: ['a', 'b'], encoding_format: 'base64' }, { operation: 'embeddings' });
    expect(adapter.capabilities.embeddings!.request(req, target)).toEqual({ method: 'POST', path: '/v1/embeddings', headers: target.headers, body: req.raw });
    expect(adapter.capabilities.embeddings!.response).toBeUndefined();
  });

  it('serves embeddings and rerank only, and probes /health at the root', () => {
    expect([adapter.kind, adapter.healthPath, Object.keys(adapter.capabilities)]).toEqual(['tei', '/health', ['embeddings', 'rerank']]);
  });

  it('maps TEI errors: 424 (backend, e.g. not a re-ranker) is ours, validation keeps its status, overload stays retryable', () => {
    const map = (status: number, body: unknown) => {
      const e = adapter.error(status, Buffer.from(JSON.stringify(body)), 'application/json');
      return { status: e.status, ...e.toBody().error };
    };
    expect([
      map(424, { error: 'Model backend is not healthy', error_type: 'Backend' }),
      map(422, { error: 'Input validation error: `inputs` must have less than 512 tokens. Given: 900', error_type: 'Validation' }),
      map(413, { error: 'batch size 64 > maximum allowed batch size 32', error_type: 'Validation' }),
      map(429, { error: 'Model is overloaded', error_type: 'Overloaded' }),
      map(401, { message: 'Unauthorized', code: 401, error_type: 'Unauthorized' }),
    ]).toEqual([
      { status: 502, message: 'Upstream returned 424: Model backend is not healthy', type: 'upstream_error', param: null, code: 'upstream_error' },
      {
        status: 422,
        message: 'Upstream returned 422: Input validation error: `inputs` must have less than 512 tokens. Given: 900',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_request',
      },
      { status: 413, message: 'Upstream returned 413: batch size 64 > maximum allowed batch size 32', type: 'invalid_request_error', param: null, code: 'request_too_large' },
      { status: 429, message: 'Upstream returned 429: Model is overloaded', type: 'rate_limit_error', param: null, code: 'upstream_rate_limited' },
      { status: 502, message: "Upstream rejected the gateway's credentials (401): Unauthorized", type: 'upstream_error', param: null, code: 'upstream_auth_error' },
    ]);
  });
});
