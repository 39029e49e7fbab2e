import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { ClientRequest, PreparedTarget, UpstreamCall } from '../adapter.js';
import { withQuery } from '../common/paths.js';
import { OPENAI_ENDPOINTS, openAiJsonBody } from '../openai-compatible/openai-compatible.request.js';

/** Operations Azure OpenAI serves on a deployment (the `openai` SDK's AzureOpenAI list); it has no rerank. */
export const AZURE_OPERATIONS = ['chat', 'completions', 'embeddings', 'images_generations', 'images_edits', 'audio_speech', 'audio_transcriptions'] as const;

function apiVersionOf(target: PreparedTarget): string {
  const version = target.options.apiVersion ?? new URLSearchParams(target.search).get('api-version');
  if (!version) {
    throw new GatewayError('invalid_request', 'This Azure OpenAI source has no api_version: set the api_version of the source (e.g. "2024-10-21")', {
      param: 'api_version',
    });
  }
  return version;
}

/**
 * Azure OpenAI: `POST {resource}/openai/deployments/{deployment}/{endpoint}?api-version=...`, where the
 * instance URL is the resource endpoint (`https://x.openai.azure.com`) and the deployment is the
 * route's upstream model. The source's `api_version` wins over one written in the instance URL.
 * The body goes as the client sent it: the official `AzureOpenAI` client keeps `model` in the body
 * too, and Azure routes by the path.
 */
export function azureCall(req: ClientRequest, target: PreparedTarget): UpstreamCall {
  const deployment = `${target.basePath}/openai/deployments/${encodeURIComponent(req.model)}`;
  const path = withQuery(`${deployment}${OPENAI_ENDPOINTS[req.operation]}`, target.search, { 'api-version': apiVersionOf(target) });
  if (req.multipart) {
    return { method: 'POST', path, headers: { ...target.headers, 'content-type': req.multipart.contentType }, body: req.multipart.body };
  }
  return { method: 'POST', path, headers: target.headers, body: openAiJsonBody(req) };
}
