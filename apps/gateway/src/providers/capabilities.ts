import type { Capability } from '@aigw/shared/admin/sources';
import { OPERATIONS, type Operation, type ProviderAdapter } from './adapter.js';

/** The source capability an operation needs (sources declare capabilities, routes serve operations). */
export const CAPABILITY_OF: Readonly<Record<Operation, Capability>> = {
  chat: 'chat',
  completions: 'completions',
  embeddings: 'embeddings',
  rerank: 'rerank',
  images_generations: 'images',
  images_edits: 'images',
  audio_speech: 'audio',
  audio_transcriptions: 'audio',
};

/** Capabilities an adapter can serve: a source's default, and the limit of what it may declare. */
export function capabilitiesOf(adapter: ProviderAdapter): Capability[] {
  return [...new Set(OPERATIONS.filter((op) => adapter.capabilities[op]).map((op) => CAPABILITY_OF[op]))];
}
