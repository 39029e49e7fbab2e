import type { Operation } from '../providers/adapter.js';

/** A data-plane endpoint: its path, the operation it performs, and how its body arrives. */
export interface Endpoint {
  path: string;
  operation: Operation;
  /** json: parsed once, forwarded as bytes; multipart: streamed through, never held whole. */
  body: 'json' | 'multipart';
}

export const ENDPOINTS: readonly Endpoint[] = [
  { path: '/v1/chat/completions', operation: 'chat', body: 'json' },
  { path: '/v1/completions', operation: 'completions', body: 'json' },
  { path: '/v1/embeddings', operation: 'embeddings', body: 'json' },
  { path: '/v1/rerank', operation: 'rerank', body: 'json' },
  { path: '/rerank', operation: 'rerank', body: 'json' },
  { path: '/v1/images/generations', operation: 'images_generations', body: 'json' },
  { path: '/v1/images/edits', operation: 'images_edits', body: 'multipart' },
  { path: '/v1/audio/speech', operation: 'audio_speech', body: 'json' },
  { path: '/v1/audio/transcriptions', operation: 'audio_transcriptions', body: 'multipart' },
];

/** Seed 003's per-capability status endpoints: `GET <path>/status`. */
export const STATUS_ENDPOINTS: ReadonlyArray<{ path: string; operation: Operation }> = ENDPOINTS.filter((e) => e.path.startsWith('/v1/')).map((e) => ({
  path: e.operation === 'chat' ? '/v1/chat/status' : `${e.path}/status`,
  operation: e.operation,
}));
