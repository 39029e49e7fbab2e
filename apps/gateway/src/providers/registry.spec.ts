import { describe, expect, it } from 'vitest';
import { PROVIDER_CAPABILITIES, providerSchema } from '@aigw/shared/admin/sources';
import { capabilitiesOf } from './capabilities.js';
import { adapterFor, supportedProviders } from './registry.js';

describe('provider registry', () => {
  it('serves exactly the capabilities the shared provider table promises the dashboard', () => {
    for (const provider of providerSchema.options) {
      expect(capabilitiesOf(adapterFor(provider)!), provider).toEqual([...PROVIDER_CAPABILITIES[provider]]);
    }
  });

  it('has an adapter for every provider the platform knows', () => {
    expect([...supportedProviders()].sort()).toEqual([...providerSchema.options].sort());
  });

  it('maps each provider to its wire protocol', () => {
    expect(Object.fromEntries(providerSchema.options.map((p) => [p, adapterFor(p)?.kind]))).toEqual({
      'openai-compatible': 'openai-compatible',
      openai: 'openai',
      'azure-openai': 'azure-openai',
      anthropic: 'anthropic',
      gemini: 'gemini',
      'model-host': 'model-host',
      deepseek: 'deepseek',
      dashscope: 'dashscope',
      groq: 'groq',
      together: 'together',
      mistral: 'mistral',
      vllm: 'vllm',
      ollama: 'ollama',
      localai: 'localai',
      xinference: 'xinference',
      gpustack: 'gpustack',
      lmstudio: 'lmstudio',
      'llama-cpp': 'llama-cpp',
      tei: 'tei',
    });
  });

  it('declares which operations each kind serves', () => {
    const ops = (p: Parameters<typeof adapterFor>[0]) => Object.keys(adapterFor(p)!.capabilities);
    const all = ['chat', 'completions', 'embeddings', 'rerank', 'images_generations', 'images_edits', 'audio_speech', 'audio_transcriptions'];
    expect(ops('vllm')).toEqual(all);
    expect(ops('model-host')).toEqual(all);
    expect(ops('azure-openai')).toEqual(all.filter((o) => o !== 'rerank'));
    expect(ops('anthropic')).toEqual(['chat']);
    expect(ops('gemini')).toEqual(['chat', 'embeddings']);
    expect(ops('tei')).toEqual(['embeddings', 'rerank']);
  });
});
