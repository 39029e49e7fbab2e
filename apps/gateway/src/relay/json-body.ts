import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { Operation } from '../providers/adapter.js';

export interface ParsedJsonBody {
  json: Record<string, unknown>;
  model: string;
  stream: boolean;
}

const invalid = (param: string, message: string) => new GatewayError('invalid_request', `${param}: ${message}`, { param });

/** The one field each operation cannot do without, checked before anything goes upstream. */
const REQUIRED: Partial<Record<Operation, { field: string; check: (v: unknown) => boolean; expected: string }>> = {
  chat: { field: 'messages', check: Array.isArray, expected: 'an array of messages' },
  completions: { field: 'prompt', check: (v) => typeof v === 'string' || Array.isArray(v), expected: 'a string or an array' },
  embeddings: { field: 'input', check: (v) => typeof v === 'string' || Array.isArray(v), expected: 'a string or an array' },
  rerank: { field: 'query', check: (v) => typeof v === 'string', expected: 'a string' },
  images_generations: { field: 'prompt', check: (v) => typeof v === 'string', expected: 'a string' },
  audio_speech: { field: 'input', check: (v) => typeof v === 'string', expected: 'a string' },
};

/**
 * Parses the client's bytes once and checks only what the gateway itself reads (model, stream and
 * the operation's main field); everything else is the upstream's business and passes through.
 */
export function parseJsonBody(body: unknown, operation: Operation | null): ParsedJsonBody {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new GatewayError('invalid_json', 'Request body is empty; send a JSON object');
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new GatewayError('invalid_json', 'Request body is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new GatewayError('invalid_request', 'Request body must be a JSON object');
  }
  const obj = json as Record<string, unknown>;
  if (typeof obj.model !== 'string' || obj.model.length === 0) throw invalid('model', 'you must provide a model name (a non-empty string)');
  if (obj.stream !== undefined && obj.stream !== null && typeof obj.stream !== 'boolean') throw invalid('stream', 'expected a boolean');
  const required = operation ? REQUIRED[operation] : undefined;
  if (required && !required.check(obj[required.field])) throw invalid(required.field, `expected ${required.expected}`);
  if (operation === 'rerank' && !Array.isArray(obj.documents) && !Array.isArray(obj.texts)) throw invalid('documents', 'expected an array of documents');
  return { json: obj, model: obj.model, stream: obj.stream === true };
}
