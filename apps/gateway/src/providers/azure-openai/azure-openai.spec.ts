import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bodyJson, clientRequest, preparedTarget } from '../testing/fixtures.js';
import { azureOpenAiAdapter as adapter } from './azure-openai.adapter.js';

const messages = [{ role: 'user', content: 'hi' }];

describe('azure-openai adapter', () => {
  const target = preparedTarget(adapter, { basePath: '', apiKey: 'azure-key', options: { apiVersion: '2024-10-21' } });

  it('sends the key as api-key, never as a Bearer token', () => {
    expect(target.headers).toEqual({ 'content-type': 'application/json', 'api-key': 'azure-key' });
    const entra = adapter.headers({ basePath: '', search: '', apiKey: undefined, extraHeaders: { authorization: 'Bearer entra-token' }, options: {} });
    expect(entra).toEqual({ 'content-type': 'application/json', authorization: 'Bearer entra-token' });
  });

  it('posts to the deployment named by the upstream model, with the api-version', () => {
    const req = clientRequest({ model: 'gpt-4o', messages });
    expect(adapter.capabilities.chat!.request(req, target)).toEqual({
      method: 'POST',
      path: '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
      headers: target.headers,
      body: req.raw,
    });
  });

  it('maps every operation Azure serves, and has no rerank', () => {
    const paths = Object.fromEntries(
      Object.entries(adapter.capabilities).map(([op, cap]) => [op, cap.request(clientRequest({ model: 'dep 1' }, { operation: op as never }), target).path]),
    );
    expect(paths).toEqual({
      chat: '/openai/deployments/dep%201/chat/completions?api-version=2024-10-21',
      completions: '/openai/deployments/dep%201/completions?api-version=2024-10-21',
      embeddings: '/openai/deployments/dep%201/embeddings?api-version=2024-10-21',
      images_generations: '/openai/deployments/dep%201/images/generations?api-version=2024-10-21',
      images_edits: '/openai/deployments/dep%201/images/edits?api-version=2024-10-21',
      audio_speech: '/openai/deployments/dep%201/audio/speech?api-version=2024-10-21',
      audio_transcriptions: '/openai/deployments/dep%201/audio/transcriptions?api-version=2024-10-21',
    });
    expect(adapter.capabilities.rerank).toBeUndefined();
  });

  it('renames the model in the body like the official client does (Azure routes by path)', () => {
    const req = clientRequest({ model: 'gpt4', messages, stream: true }, { model: 'prod-gpt-4o', renamed: true });
    const call = adapter.capabilities.chat!.request(req, target);
    expect(call.path).toBe('/openai/deployments/prod-gpt-4o/chat/completions?api-version=2024-10-21');
    expect(bodyJson(call.body)).toEqual({ model: 'prod-gpt-4o', messages, stream: true });
  });

  it('keeps the instance query, with the source api_version winning over one in the URL', () => {
    const withQuery = { ...target, basePath: '/tenant-a', search: '?api-version=2023-05-15&trace=1' };
    expect(adapter.capabilities.embeddings!.request(clientRequest({ model: 'emb' }, { operation: 'embeddings' }), withQuery).path).toBe(
      '/tenant-a/openai/deployments/emb/embeddings?api-version=2024-10-21&trace=1',
    );
    const urlOnly = { ...withQuery, options: {} };
    expect(adapter.capabilities.embeddings!.request(clientRequest({ model: 'emb' }, { operation: 'embeddings' }), urlOnly).path).toBe(
      '/tenant-a/openai/deployments/emb/embeddings?api-version=2023-05-15&trace=1',
    );
  });

  it('refuses to call without an api-version, naming the setting', () => {
    const noVersion = { ...target, options: {} };
    expect(() => adapter.capabilities.chat!.request(clientRequest({ model: 'gpt-4o', messages }), noVersion)).toThrow(
      expect.objectContaining({
        status: 400,
        code: 'invalid_request',
        param: 'api_version',
        message: 'This Azure OpenAI source has no api_version: set the api_version of the source (e.g. "2024-10-21")',
      }),
    );
  });

  it('streams multipart (transcriptions) through with its boundary', () => {
    const body = Readable.from([Buffer.from('--x\r\n')]);
    const req = clientRequest({}, { operation: 'audio_transcriptions', model: 'whisper', raw: null, multipart: { body, contentType: 'multipart/form-data; boundary=x' } });
    expect(adapter.capabilities.audio_transcriptions!.request(req, target)).toEqual({
      method: 'POST',
      path: '/openai/deployments/whisper/audio/transcriptions?api-version=2024-10-21',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'api-key': 'azure-key' },
      body,
    });
  });

  it("passes answers through and maps errors like OpenAI's", () => {
    expect(adapter.capabilities.chat!.response).toBeUndefined();
    expect(adapter.capabilities.chat!.stream).toBeUndefined();
    const err = adapter.error(401, Buffer.from(JSON.stringify({ error: { code: '401', message: 'Access denied due to invalid subscription key.' } })), 'application/json');
    expect([err.status, err.code]).toEqual([502, 'upstream_auth_error']);
    const notFound = adapter.error(404, Buffer.from(JSON.stringify({ error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } })), 'application/json');
    expect(notFound.toBody()).toEqual({
      error: { message: 'Upstream returned 404: The API deployment for this resource does not exist.', type: 'invalid_request_error', param: 'model', code: 'model_not_found' },
    });
    const filtered = adapter.error(400, Buffer.from(JSON.stringify({ error: { code: 'content_filter', message: 'The response was filtered', param: 'prompt' } })), 'application/json');
    expect(filtered.toBody()).toEqual({ error: { message: 'Upstream returned 400: The response was filtered', type: 'invalid_request_error', param: 'prompt', code: 'invalid_request' } });
    expect(adapter.healthPath).toBe('/openai/models?api-version=2024-10-21');
  });
});
