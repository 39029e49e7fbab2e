import { OPERATIONS, type Capability, type Operation, type ProviderAdapter, type UpstreamTarget } from '../adapter.js';
import { mapOpenAiCompatibleError } from './openai-compatible.errors.js';
import { openAiWireCall, type BodyQuirk } from './openai-compatible.request.js';

/** One vendor speaking OpenAI's wire: its name, where its health probe goes, and its quirks (see presets.ts). */
export interface OpenAiWirePreset {
  readonly kind: string;
  /** GET path relative to the instance URL; default `/models`. */
  readonly healthPath?: string;
  readonly quirk?: BodyQuirk;
}

/** Authorization: Bearer for the instance key; the source's extra headers may add to it, never override it. */
export function openAiHeaders(target: UpstreamTarget): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...target.extraHeaders,
    ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}),
  };
}

/**
 * OpenAI's wire protocol for every operation: the client's bytes go upstream unchanged unless the
 * route renames the model or the vendor has a quirk; answers and streams pass through byte for byte.
 */
export function createOpenAiWireAdapter(preset: OpenAiWirePreset): ProviderAdapter {
  const capability = (): Capability => ({ request: (req, target) => openAiWireCall(req, target, target.basePath, preset.quirk) });
  const capabilities = Object.fromEntries(OPERATIONS.map((op) => [op, capability()])) as Record<Operation, Capability>;
  return {
    kind: preset.kind,
    capabilities,
    headers: openAiHeaders,
    healthPath: preset.healthPath ?? '/models',
    error: mapOpenAiCompatibleError,
  };
}

export const openAiCompatibleAdapter: ProviderAdapter = createOpenAiWireAdapter({ kind: 'openai-compatible' });
