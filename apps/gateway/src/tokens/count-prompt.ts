import { GatewayError } from '@aigw/server-kit/gateway-error';
import { counterFor, type Encoder, type EstimateFlag, type TokenEncoding } from './encodings.js';
import { imageSizeFromDataUrl, imageTokens } from './image-tokens.js';

export interface TokenCountResult {
  tokens: number;
  /** False only when every part was counted exactly with the model's own encoding. */
  estimated: boolean;
  /** The encoding used: the model's own, or the estimate's (o200k_base) for other families. */
  encoding: TokenEncoding;
}

/** Completions `prompt` / embeddings `input`. */
export type TextInput = string | readonly string[] | readonly number[] | readonly (readonly number[])[];

// OpenAI's documented chat framing (the cookbook's "How to count tokens with tiktoken", checked there
// against the API for gpt-3.5-turbo, gpt-4, gpt-4o and gpt-4o-mini): every message costs 3 tokens plus
// its role, content and name (a name 1 more), and the reply is primed with 3.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING = 3;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

class Tally implements EstimateFlag {
  tokens = 0;
  estimated: boolean;

  constructor(
    readonly model: string,
    readonly encoder: Encoder,
    exact: boolean,
  ) {
    this.estimated = !exact;
  }

  text(s: string): void {
    this.tokens += this.encoder.count(s, this);
  }

  /** A part only estimated (images, tool definitions, tool calls). */
  guess(tokens: number): void {
    this.tokens += tokens;
    this.estimated = true;
  }

  result(): TokenCountResult {
    return { tokens: Math.max(0, this.tokens), estimated: this.estimated, encoding: this.encoder.name };
  }
}

function countContentPart(t: Tally, part: unknown): void {
  if (!isRecord(part)) return t.guess(0);
  switch (part.type) {
    case 'text':
      return t.text(str(part.text) ?? '');
    case 'refusal':
      return t.text(str(part.refusal) ?? '');
    case 'image_url': {
      const image = part.image_url;
      const url = isRecord(image) ? str(image.url) : str(image);
      const detail = isRecord(image) ? str(image.detail) : undefined;
      return t.guess(imageTokens(t.model, detail, url ? imageSizeFromDataUrl(url) : null));
    }
    default: {
      // input_audio, file and future part types: their cost is not documented; count any text they carry.
      const text = str(part.text);
      if (text) t.text(text);
      return t.guess(0);
    }
  }
}

function countToolCall(t: Tally, call: unknown): void {
  if (!isRecord(call)) return t.guess(0);
  const fn = isRecord(call.function) ? call.function : call;
  t.guess(0);
  t.text(str(fn.name) ?? '');
  t.text(str(fn.arguments) ?? '');
}

function countMessage(t: Tally, message: unknown): void {
  t.tokens += TOKENS_PER_MESSAGE;
  if (!isRecord(message)) return t.guess(0);
  t.text(str(message.role) ?? '');
  const content = message.content;
  if (typeof content === 'string') t.text(content);
  else if (Array.isArray(content)) {
    // How several parts are joined is not documented: one text part is exact, more are close.
    if (content.length > 1) t.guess(0);
    for (const part of content) countContentPart(t, part);
  }
  const name = str(message.name);
  if (name !== undefined) {
    t.text(name);
    t.tokens += TOKENS_PER_NAME;
  }
  if (Array.isArray(message.tool_calls)) for (const call of message.tool_calls) countToolCall(t, call);
  if (isRecord(message.function_call)) countToolCall(t, message.function_call);
  const toolCallId = str(message.tool_call_id);
  if (toolCallId) {
    t.guess(0);
    t.text(toolCallId);
  }
  const refusal = str(message.refusal);
  if (refusal) t.text(refusal);
}

// Tool definitions, after the cookbook's `num_tokens_for_tools` (its figures match the API: 101 prompt
// tokens for gpt-4o, 105 for gpt-4 on its weather example). An estimate: OpenAI renders the schema in
// a format of its own, and nested schemas are counted here by their JSON.
const TOOL_CONSTANTS: Record<TokenEncoding, { funcInit: number }> = { o200k_base: { funcInit: 7 }, cl100k_base: { funcInit: 10 } };
const PROP_INIT = 3;
const PROP_KEY = 3;
const ENUM_INIT = -3;
const ENUM_ITEM = 3;
const FUNC_END = 12;

const trimDot = (s: string) => (s.endsWith('.') ? s.slice(0, -1) : s);

function countTools(t: Tally, tools: readonly unknown[]): void {
  if (tools.length === 0) return;
  let n = 0;
  const count = (s: string) => t.encoder.count(s, t);
  for (const tool of tools) {
    // `tools` entries wrap a function; legacy `functions` entries are the function itself.
    const fn = !isRecord(tool) ? null : isRecord(tool.function) ? tool.function : tool.type === undefined && typeof tool.name === 'string' ? tool : null;
    if (!fn) {
      // Built-in or custom tools: their rendering is not documented.
      n += count(JSON.stringify(tool) ?? '');
      continue;
    }
    n += TOOL_CONSTANTS[t.encoder.name].funcInit;
    n += count(`${str(fn.name) ?? ''}:${trimDot(str(fn.description) ?? '')}`);
    const params = isRecord(fn.parameters) ? fn.parameters : {};
    const properties = isRecord(params.properties) ? params.properties : {};
    const keys = Object.keys(properties);
    if (keys.length > 0) {
      n += PROP_INIT;
      for (const key of keys) {
        n += PROP_KEY;
        const prop = isRecord(properties[key]) ? properties[key] : {};
        const type = Array.isArray(prop.type) ? prop.type.join('|') : (str(prop.type) ?? '');
        if (Array.isArray(prop.enum)) {
          n += ENUM_INIT;
          for (const item of prop.enum) n += ENUM_ITEM + count(String(item));
        }
        n += count(`${key}:${type}:${trimDot(str(prop.description) ?? '')}`);
        // Nested schemas (objects, arrays of objects): not in the cookbook's formula; count their JSON.
        const { type: _t, description: _d, enum: _e, ...rest } = prop;
        if (Object.keys(rest).length > 0) n += count(JSON.stringify(rest));
      }
    }
  }
  t.guess(n + FUNC_END);
}

/**
 * Prompt tokens of a chat request. Exact for OpenAI families (their encoding and chat framing) when
 * the messages hold only text; images, tool definitions and tool calls are estimates. Other models are
 * estimated with o200k_base and the same framing: modern BPE vocabularies (Llama 3, Qwen, DeepSeek,
 * Mistral's Tekken) tokenise within ~10-20% of it, and unlike chars/4 it does not undercount CJK text
 * (about one token per character, not a quarter) or code.
 */
export function countChatPrompt(model: string, messages: readonly unknown[], tools?: readonly unknown[]): TokenCountResult {
  const { encoder, exact } = counterFor(model);
  const t = new Tally(model, encoder, exact);
  for (const message of messages) countMessage(t, message);
  t.tokens += REPLY_PRIMING;
  if (tools) countTools(t, tools);
  return t.result();
}

/**
 * Tokens of a completions prompt or an embeddings input, without framing. Token-id arrays count exactly
 * by their length, whatever the model (they already are the model's tokens).
 */
export function countText(model: string, input: TextInput): TokenCountResult {
  const { encoder, exact } = counterFor(model);
  const t = new Tally(model, encoder, exact);
  if (typeof input === 'string') {
    t.text(input);
    return t.result();
  }
  if (!Array.isArray(input)) throw new GatewayError('invalid_request', 'input: expected a string or an array', { param: 'input' });
  if (input.every((v) => typeof v === 'number')) return { tokens: input.length, estimated: false, encoding: encoder.name };
  if (input.every((v) => Array.isArray(v) && v.every((id) => typeof id === 'number'))) {
    return { tokens: (input as readonly (readonly number[])[]).reduce((n, ids) => n + ids.length, 0), estimated: false, encoding: encoder.name };
  }
  if (!input.every((v) => typeof v === 'string')) {
    throw new GatewayError('invalid_request', 'input: expected a string, an array of strings, token ids, or arrays of token ids', { param: 'input' });
  }
  for (const s of input as readonly string[]) t.text(s);
  return t.result();
}
