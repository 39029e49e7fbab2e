// Test helpers: realistic OpenAI stream transcripts and image headers.
import { SseParser } from '../../relay/sse-parser.js';

/** The first bytes of a PNG file of this size (signature and IHDR). */
export function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

export interface ChunkOptions {
  index?: number;
  finish?: string | null;
  /** Include `"usage": null` (the client asked for include_usage). */
  usageNull?: boolean;
  model?: string;
}

export const STREAM_ID = 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT';
export const CREATED = 1741569952;

/** One chat.completion.chunk as OpenAI writes it (compact JSON, its key order). */
export function chunk(delta: Record<string, unknown>, o: ChunkOptions = {}): string {
  return JSON.stringify({
    id: STREAM_ID,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: o.model ?? 'gpt-4o-2024-08-06',
    service_tier: 'default',
    system_fingerprint: 'fp_eb9dce56a8',
    choices: [{ index: o.index ?? 0, delta, logprobs: null, finish_reason: o.finish ?? null }],
    ...(o.usageNull ? { usage: null } : {}),
  });
}

/** The include_usage chunk: `choices: []` and the whole usage. */
export function usageOnly(prompt: number, completion: number, model = 'gpt-4o-2024-08-06'): string {
  return JSON.stringify({
    id: STREAM_ID,
    object: 'chat.completion.chunk',
    created: CREATED,
    model,
    service_tier: 'default',
    system_fingerprint: 'fp_eb9dce56a8',
    choices: [],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } },
  });
}

/** A chat stream of `pieces` as the SSE text an upstream sends (role chunk, content chunks, finish, [DONE]). */
export function textTranscript(pieces: string[], o: ChunkOptions & { usage?: [number, number] } = {}): string {
  const events = [chunk({ role: 'assistant', content: '', refusal: null }, o), ...pieces.map((p) => chunk({ content: p }, o)), chunk({}, { ...o, finish: o.finish ?? 'stop' })];
  if (o.usage) events.push(usageOnly(o.usage[0], o.usage[1], o.model));
  events.push('[DONE]');
  return events.map((e) => `data: ${e}\n\n`).join('');
}

/** The `data` of every event of an SSE text, parsed by the relay's own parser, fed in small byte slices. */
export function sseData(text: string, slice = 7): string[] {
  const parser = new SseParser();
  const bytes = new TextEncoder().encode(text);
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += slice) out.push(...parser.push(bytes.slice(i, i + slice)).map((e) => e.data));
  out.push(...parser.end().map((e) => e.data));
  return out;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `text` cut at random places into pieces of 1..max characters (never inside a surrogate pair). */
export function randomPieces(text: string, rnd: () => number, max = 12): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let n = 1 + Math.floor(rnd() * max);
    if (i + n < text.length && text.charCodeAt(i + n) >= 0xdc00 && text.charCodeAt(i + n) <= 0xdfff) n++;
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}
