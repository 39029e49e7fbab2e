import type { Provider } from '@aigw/shared/admin/sources';
import type { ProviderAdapter } from './adapter.js';
import { anthropicAdapter } from './anthropic/anthropic.adapter.js';
import { azureOpenAiAdapter } from './azure-openai/azure-openai.adapter.js';
import { geminiAdapter } from './gemini/gemini.adapter.js';
import { openAiCompatibleAdapter } from './openai-compatible/openai-compatible.adapter.js';
import { openAiWireAdapters } from './openai-compatible/presets.js';
import { teiAdapter } from './tei/tei.adapter.js';

/**
 * Provider -> adapter: vendor kind -> wire protocol. Most vendors speak OpenAI's wire (presets.ts);
 * the model host serves OpenAI's wire too. A provider missing here is a compile error.
 */
const adapters: Readonly<Record<Provider, ProviderAdapter>> = {
  'openai-compatible': openAiCompatibleAdapter,
  ...openAiWireAdapters,
  'azure-openai': azureOpenAiAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  tei: teiAdapter,
};

export function adapterFor(provider: Provider): ProviderAdapter | undefined {
  return adapters[provider];
}

export const supportedProviders = (): Provider[] => Object.keys(adapters) as Provider[];
