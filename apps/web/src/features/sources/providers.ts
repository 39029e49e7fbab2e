import { PROVIDER_CAPABILITIES, capabilitySchema, providerSchema, type Capability, type Provider } from '@aigw/shared/admin/sources';

export const PROVIDERS: readonly Provider[] = providerSchema.options;
export const CAPABILITIES: readonly Capability[] = capabilitySchema.options;

export const providerLabels: Record<Provider, string> = {
  'openai-compatible': 'OpenAI-compatible',
  openai: 'OpenAI',
  'azure-openai': 'Azure OpenAI',
  anthropic: 'Anthropic',
  gemini: 'Google Gemini',
  'model-host': 'Model host (local models)',
  deepseek: 'DeepSeek',
  dashscope: 'DashScope (Qwen)',
  groq: 'Groq',
  together: 'Together AI',
  mistral: 'Mistral',
  vllm: 'vLLM',
  ollama: 'Ollama',
  localai: 'LocalAI',
  xinference: 'Xinference',
  gpustack: 'GPUStack',
  lmstudio: 'LM Studio',
  'llama-cpp': 'llama.cpp server',
  tei: 'Text Embeddings Inference',
};

export const capabilityLabels: Record<Capability, string> = {
  chat: 'Chat',
  completions: 'Completions',
  embeddings: 'Embeddings',
  rerank: 'Rerank',
  images: 'Images',
  audio: 'Audio',
};

/** What each provider's protocol can serve: the capability picker's choices and a new source's default. */
export const providerCapabilities = PROVIDER_CAPABILITIES;

/** An example base URL for the instance field's placeholder. */
export const urlPlaceholders: Partial<Record<Provider, string>> = {
  openai: 'https://api.openai.com/v1',
  'azure-openai': 'https://my-resource.openai.azure.com/openai/deployments/my-deployment',
  anthropic: 'https://api.anthropic.com/v1',
  gemini: 'https://generativelanguage.googleapis.com/v1beta',
  deepseek: 'https://api.deepseek.com/v1',
  groq: 'https://api.groq.com/openai/v1',
  mistral: 'https://api.mistral.ai/v1',
  ollama: 'http://localhost:11434/v1',
  vllm: 'http://localhost:8000/v1',
  tei: 'http://localhost:8080',
};
