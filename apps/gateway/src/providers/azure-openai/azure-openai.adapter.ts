import type { Capability, ProviderAdapter, UpstreamTarget } from '../adapter.js';
import { mapOpenAiCompatibleError } from '../openai-compatible/openai-compatible.errors.js';
import { AZURE_OPERATIONS, azureCall } from './azure-openai.request.js';

/** The key goes in `api-key` (Entra ID tokens can come as an `authorization` extra header instead). */
export function azureHeaders(target: UpstreamTarget): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...target.extraHeaders,
    ...(target.apiKey ? { 'api-key': target.apiKey } : {}),
  };
}

const capability: Capability = { request: azureCall };

/** Azure OpenAI: OpenAI's bodies, answers, streams and errors, on deployment URLs. */
export const azureOpenAiAdapter: ProviderAdapter = {
  kind: 'azure-openai',
  capabilities: Object.fromEntries(AZURE_OPERATIONS.map((op) => [op, capability])),
  headers: azureHeaders,
  // GET {resource}/openai/models lists the resource's models and needs an api-version (404 without):
  // healthPath is one string for every source, so the probe pins a GA version of its own.
  healthPath: '/openai/models?api-version=2024-10-21',
  error: mapOpenAiCompatibleError,
};
