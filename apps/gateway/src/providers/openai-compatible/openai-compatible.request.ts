import type { ClientRequest, Operation, PreparedTarget, UpstreamCall } from '../adapter.js';
import { withQuery } from '../common/paths.js';

/** OpenAI's endpoint of each operation, relative to the instance URL (which ends in `/v1` or similar). */
export const OPENAI_ENDPOINTS: Readonly<Record<Operation, string>> = {
  chat: '/chat/completions',
  completions: '/completions',
  embeddings: '/embeddings',
  rerank: '/rerank',
  images_generations: '/images/generations',
  images_edits: '/images/edits',
  audio_speech: '/audio/speech',
  audio_transcriptions: '/audio/transcriptions',
};

/**
 * A vendor quirk: given the JSON body about to go upstream (the route's rename already applied),
 * returns the body to send instead, or undefined when it can go as it is. Never mutates its input;
 * throws a GatewayError for a request the vendor is known to refuse.
 */
export type BodyQuirk = (body: Readonly<Record<string, unknown>>, req: ClientRequest) => Record<string, unknown> | undefined;

/**
 * The JSON body to send: the client's bytes unchanged on the fast path; re-serialized only when the
 * route renames the model or a vendor quirk changes something.
 */
export function openAiJsonBody(req: ClientRequest, quirk?: BodyQuirk): string | Buffer {
  const body = req.renamed ? { ...req.json, model: req.model } : req.json;
  const adjusted = quirk?.(body, req);
  if (adjusted) return JSON.stringify(adjusted);
  if (req.renamed || !req.raw) return JSON.stringify(body);
  return req.raw;
}

/**
 * One call in OpenAI's wire protocol to `{basePath}{endpoint}{search}`. Multipart bodies stream
 * through untouched with the client's content type (boundary included). The model of a multipart
 * request is whatever the client wrote: renaming it would mean rewriting the form.
 */
export function openAiWireCall(req: ClientRequest, target: PreparedTarget, pathPrefix: string, quirk?: BodyQuirk): UpstreamCall {
  const path = withQuery(`${pathPrefix}${OPENAI_ENDPOINTS[req.operation]}`, target.search);
  if (req.multipart) {
    return { method: 'POST', path, headers: { ...target.headers, 'content-type': req.multipart.contentType }, body: req.multipart.body };
  }
  return { method: 'POST', path, headers: target.headers, body: openAiJsonBody(req, quirk) };
}
