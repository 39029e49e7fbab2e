import { createRequire } from 'node:module';
import type { TokenEncoding } from '@aigw/shared/admin/tokens';

export type { TokenEncoding };

/** The encoding local estimates for other model families are made with (why: see `countChatPrompt`). */
export const ESTIMATE_ENCODING: TokenEncoding = 'o200k_base';

/** OpenAI model names -> encoding, first match wins (o200k families before the `gpt-4` prefix). */
const FAMILIES: ReadonlyArray<[RegExp, TokenEncoding]> = [
  [/^(?:gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o[134])(?:$|[-.:])/, 'o200k_base'],
  [/^(?:gpt-4|gpt-3\.5-turbo|gpt-35-turbo|text-embedding-ada-002)(?:$|-)|^text-embedding-3-/, 'cl100k_base'],
];

/**
 * The encoding of an OpenAI model family, or null for any other model (its count is an estimate).
 * Accepts dated and sized variants (`gpt-4o-2024-08-06`, `o4-mini`), fine-tunes (`ft:gpt-4o-mini:org::id`)
 * and a provider prefix (`openai/gpt-4.1`).
 */
export function encodingFor(model: string): TokenEncoding | null {
  let name = model.trim().toLowerCase();
  if (name.startsWith('ft:')) name = name.slice(3);
  if (name.startsWith('openai/') || name.startsWith('azure/')) name = name.slice(name.indexOf('/') + 1);
  for (const [pattern, encoding] of FAMILIES) if (pattern.test(name)) return encoding;
  return null;
}

/** OpenAI reasoning models spend hidden reasoning tokens: the visible stream undercounts their output. */
export function isReasoningModel(model: string): boolean {
  const name = model.trim().toLowerCase().replace(/^(?:ft:|openai\/|azure\/)/, '');
  return /^(?:o[134]|gpt-5)(?:$|[-.:])/.test(name) && !/^gpt-5(?:\.\d+)?-chat/.test(name);
}

/** Somewhere to note that a count is not exact. */
export interface EstimateFlag {
  estimated: boolean;
}

/** One loaded encoding. */
export interface Encoder {
  readonly name: TokenEncoding;
  /**
   * Tokens of `text` as ordinary text: special-token strings such as `<|endoftext|>` in user text are
   * counted as the text they are, never as control tokens (nor rejected). Exact, unless the text has a
   * pathological run (see `MAX_RUN`): then `flag.estimated` is set.
   */
  count(text: string, flag?: EstimateFlag): number;
}

interface TokenizerApi {
  countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
}

/**
 * Every BPE implementation measured (gpt-tokenizer, js-tiktoken, tiktoken's WASM) is quadratic in the
 * length of one pre-tokenizer piece: a 50,000-letter word or an unbroken run of 50,000 CJK characters
 * takes seconds to tens of seconds, blocking the event loop. Runs longer than this many characters of
 * one character class are cut into pieces of this size and counted apiece; the count is then off by
 * about one token per cut and marked estimated. Real text never has such runs.
 */
export const MAX_RUN = 256;

/**
 * Character classes of the run scan, a cheap stand-in for the pre-tokenizer's: 0 space, 1 letter
 * (any script), 2 digit (pieces of at most 3), 3 punctuation and symbols (ASCII, Latin-1, general
 * punctuation to dingbats, CJK and fullwidth punctuation, emoji).
 */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_CLASS[c] = c <= 32 ? 0 : (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : c >= 48 && c <= 57 ? 2 : 3;
}

function charClass(c: number): number {
  if (c < 128) return ASCII_CLASS[c]!;
  if (c <= 0xbf || (c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f)) return 3;
  if (c >= 0xff00 && c <= 0xff65) return (c >= 0xff10 && c <= 0xff19) ? 2 : (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a) ? 1 : 3;
  if (c >= 0xd83c && c <= 0xd83e) return 3; // high surrogates of emoji and pictographs
  return 1;
}

/** Cut positions inside over-long runs, or null (the common case: one linear pass, no allocation). */
export function longRunCuts(text: string): number[] | null {
  if (text.length <= MAX_RUN) return null;
  let cuts: number[] | null = null;
  let cls = -1;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a surrogate pair: same character
    const k = charClass(c);
    if (k !== cls || k === 2) {
      cls = k;
      run = 1;
    } else if (++run > MAX_RUN) {
      (cuts ??= []).push(i);
      run = 1;
    }
  }
  return cuts;
}

const require = createRequire(import.meta.url);
// Loaded on first use: each encoding costs ~15 MB of heap and ~0.3 s to build, so only what is used is loaded.
const LOADERS: Record<TokenEncoding, () => TokenizerApi> = {
  o200k_base: () => require('gpt-tokenizer/encoding/o200k_base') as TokenizerApi,
  cl100k_base: () => require('gpt-tokenizer/encoding/cl100k_base') as TokenizerApi,
};
const loaded = new Map<TokenEncoding, Encoder>();
/** No special tokens are disallowed, and none allowed: `<|endoftext|>` in text is just text. */
const PLAIN = { disallowedSpecial: new Set<string>() };

/**
 * Counts of short strings, per encoding. The library costs ~2-3 µs a call however short the text, and
 * streams count short strings over and over (a delta, the open tail of a text: " the", "ing", ",\n").
 */
const SHORT = 48;
const SHORT_CACHE_MAX = 20_000;

function makeEncoder(name: TokenEncoding, api: TokenizerApi): Encoder {
  const short = new Map<string, number>();
  return {
    name,
    count(text: string, flag?: EstimateFlag): number {
      if (text.length === 0) return 0;
      if (text.length <= SHORT) {
        let tokens = short.get(text);
        if (tokens === undefined) {
          tokens = api.countTokens(text, PLAIN);
          if (short.size >= SHORT_CACHE_MAX) short.clear();
          short.set(text, tokens);
        }
        return tokens;
      }
      const cuts = longRunCuts(text);
      if (!cuts) return api.countTokens(text, PLAIN);
      if (flag) flag.estimated = true;
      let tokens = 0;
      let start = 0;
      for (const cut of cuts) {
        tokens += api.countTokens(text.slice(start, cut), PLAIN);
        start = cut;
      }
      return tokens + api.countTokens(text.slice(start), PLAIN);
    },
  };
}

/** The encoder for an encoding, loaded (synchronously) on first use and kept. */
export function getEncoder(name: TokenEncoding): Encoder {
  let encoder = loaded.get(name);
  if (!encoder) {
    encoder = makeEncoder(name, LOADERS[name]());
    loaded.set(name, encoder);
  }
  return encoder;
}

/** Loads encodings ahead of the first request (the first load blocks for ~0.3 s). */
export function warmUp(names: readonly TokenEncoding[] = ['o200k_base']): void {
  for (const name of names) getEncoder(name).count('warm up');
}

/** Which encodings are loaded (for metrics and tests). */
export function loadedEncodings(): TokenEncoding[] {
  return [...loaded.keys()];
}

/** How a model is counted: its own encoding (exact) or the estimate's. */
export function counterFor(model: string): { encoder: Encoder; exact: boolean } {
  const own = encodingFor(model);
  return { encoder: getEncoder(own ?? ESTIMATE_ENCODING), exact: own !== null };
}
