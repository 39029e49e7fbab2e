import { randomBytes } from 'node:crypto';
import type { TokenUsage } from '../providers/adapter.js';
import { counterFor, isReasoningModel, MAX_RUN, type Encoder, type EstimateFlag, type TokenEncoding } from './encodings.js';

/** What the last chunks of a cut stream must repeat: the stream's identity and its open choices. */
export interface StreamMeta {
  id: string;
  object: 'chat.completion.chunk' | 'text_completion';
  created: number;
  model: string;
  /** Present when the upstream's chunks carry it. */
  system_fingerprint?: string | null;
  /** The chunks carry `"usage": null` (the client asked for include_usage): the last one should too. */
  usage_field: boolean;
  /** Choice indexes seen and not yet finished (`[0]` before any). */
  open_choices: number[];
}

// The pre-tokenizer patterns of the encodings (tiktoken's, in the JavaScript form gpt-tokenizer uses).
// A BPE count is the sum over these pieces, so text can be committed piece by piece as it streams.
const CONTRACTION = String.raw`'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE])`;
const PIECES: Record<TokenEncoding, RegExp> = {
  cl100k_base: new RegExp(String.raw`${CONTRACTION}|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s+$|\s*[\r\n]|\s+(?!\S)|\s`, 'gu'),
  o200k_base: new RegExp(
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?:${CONTRACTION})?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?:${CONTRACTION})?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
    'gu',
  ),
};

const WHITESPACE = /\s/;

/**
 * How much of `text` can be committed: everything before the second-to-last piece (appending text
 * changes at most the last two, e.g. `don` + `'t`), and only up to a piece start that follows a
 * non-space: a whitespace piece's extent depends on what follows it (`\s+(?!\S)`, `\s+$`), so
 * counting it alone could differ from counting it in the whole text.
 */
function stablePrefixLength(text: string, pieces: RegExp): number {
  pieces.lastIndex = 0;
  const starts: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = pieces.exec(text)) !== null) {
    starts.push(m.index);
    if (m[0].length === 0) pieces.lastIndex++;
  }
  for (let i = starts.length - 2; i > 0; i--) {
    const start = starts[i]!;
    if (!WHITESPACE.test(text[start - 1]!)) return start;
  }
  return 0;
}

/**
 * The token count of a text that grows chunk by chunk, equal to counting the whole text at once:
 * complete pieces are counted once and dropped; only the open tail is recounted on each append.
 */
class GrowingText {
  private tail = '';
  private tailTokens = 0;

  constructor(
    private readonly encoder: Encoder,
    private readonly pieces: RegExp,
    private readonly flag: EstimateFlag,
  ) {}

  /** Appends a delta; returns how much the text's count grew. */
  append(delta: string): number {
    if (delta.length === 0) return 0;
    let text = this.tail + delta;
    let grown = -this.tailTokens;
    if (text.length > 4) {
      let cut = stablePrefixLength(text, this.pieces);
      // One endless piece (a long unbroken run): commit anyway, as counting does (see MAX_RUN).
      if (cut === 0 && text.length > 2 * MAX_RUN) {
        cut = text.length - MAX_RUN;
        if (text.charCodeAt(cut) >= 0xdc00 && text.charCodeAt(cut) <= 0xdfff) cut--;
        this.flag.estimated = true;
      }
      if (cut > 0) {
        grown += this.encoder.count(text.slice(0, cut), this.flag);
        text = text.slice(cut);
      }
    }
    this.tail = text;
    this.tailTokens = this.encoder.count(text, this.flag);
    return grown + this.tailTokens;
  }
}

interface ToolCallState {
  id: string | undefined;
  args: GrowingText;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text-bearing delta fields: content, reasoning (DeepSeek / vLLM / OpenRouter spellings), refusal, completions' text. */
const TEXT_FIELDS = ['content', 'reasoning_content', 'reasoning', 'refusal', 'text'] as const;
/** Every key the fast path looks at, with what follows its colon. */
const KEY_RE = /"(content|reasoning_content|reasoning|refusal|text|index|delta|finish_reason|usage|tool_calls|function_call|error)"\s*:\s*/g;
const TEXT_KEYS = new Set<string>(TEXT_FIELDS);

/** The JSON string starting after an opening quote at `start`: its value (unescaped) and where it ends. */
function readJsonString(data: string, start: number): { value: string; end: number } | undefined {
  let from = start;
  for (;;) {
    const q = data.indexOf('"', from);
    if (q < 0) return undefined;
    let backslashes = 0;
    while (q - backslashes - 1 >= start && data.charCodeAt(q - backslashes - 1) === 92) backslashes++;
    if (backslashes % 2 === 0) {
      const raw = data.slice(start, q);
      if (!raw.includes('\\')) return { value: raw, end: q + 1 };
      try {
        return { value: JSON.parse(`"${raw}"`) as string, end: q + 1 };
      } catch {
        return undefined;
      }
    }
    from = q + 1;
  }
}

function toUsage(u: Record<string, unknown>): TokenUsage {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const prompt = num(u.prompt_tokens);
  const completion = num(u.completion_tokens);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: num(u.total_tokens) || prompt + completion };
}

/**
 * Counts the output of one OpenAI-shaped stream (chat.completion.chunk or text_completion events) as
 * it passes, for live output limits and for settling usage when the stream ends early. One per request.
 *
 * Feed it every event's `data` — the raw string (preferred: ordinary content chunks are read without a
 * JSON.parse) or an already parsed object. It counts content, reasoning, refusal and tool-call names and
 * arguments of every choice (n > 1), keeps the stream's id/created/model for the closing chunks, and
 * picks up the upstream's usage chunk (`choices: []`), which is exact and should be preferred.
 *
 * The count equals tokenizing each choice's whole text at once (not the sum of per-chunk counts): it
 * is exact for OpenAI families' visible text. It is an estimate for other families (o200k_base), for
 * tool calls (their framing is not documented) and for reasoning models (o-series, gpt-5), whose
 * hidden reasoning tokens never appear in the stream.
 */
export class OutputMeter {
  private readonly encoder: Encoder;
  private readonly pieces: RegExp;
  private readonly exactModel: boolean;
  private readonly flag: EstimateFlag = { estimated: false };
  private readonly texts = new Map<string, GrowingText>();
  private readonly tools = new Map<string, ToolCallState>();
  private readonly seen = new Set<number>();
  private readonly finished = new Set<number>();
  private total = 0;
  private toolCalls = 0;
  private upstreamUsage: TokenUsage | undefined;
  private streamMeta: Omit<StreamMeta, 'open_choices'> | undefined;
  private ended = false;

  constructor(readonly model: string) {
    const { encoder, exact } = counterFor(model);
    this.encoder = encoder;
    this.pieces = PIECES[encoder.name];
    this.exactModel = exact && !isReasoningModel(model);
  }

  /** Feeds one event's data; returns the output tokens counted so far (all choices). */
  push(data: string | Record<string, unknown>): number {
    if (typeof data !== 'string') {
      this.pushObject(data);
      return this.total;
    }
    if (data === '[DONE]') {
      this.ended = true;
      return this.total;
    }
    if (!(this.streamMeta && this.pushFast(data))) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(data);
      } catch {
        return this.total; // not JSON: nothing to count
      }
      if (isRecord(parsed)) this.pushObject(parsed);
    }
    return this.total;
  }

  /** Output tokens counted so far. */
  produced(): number {
    return this.total;
  }

  /** True unless `produced()` is exact (see the class comment). */
  get estimated(): boolean {
    return !this.exactModel || this.flag.estimated || this.toolCalls > 0;
  }

  /** The upstream's own usage, once its usage chunk arrived. */
  usage(): TokenUsage | undefined {
    return this.upstreamUsage;
  }

  /** The completion tokens to settle: the upstream's when it reported them, else the count. */
  outputTokens(): { tokens: number; estimated: boolean; source: 'upstream' | 'counted' } {
    if (this.upstreamUsage) return { tokens: this.upstreamUsage.completion_tokens, estimated: false, source: 'upstream' };
    return { tokens: this.total, estimated: this.estimated, source: 'counted' };
  }

  /** `data: [DONE]` was seen. */
  get done(): boolean {
    return this.ended;
  }

  /** The stream's identity for closing chunks; made up (with `fallbackModel`) if no chunk was seen yet. */
  meta(fallbackModel = this.model): StreamMeta {
    const base = this.streamMeta ?? {
      id: `chatcmpl-${randomBytes(12).toString('base64url')}`,
      object: 'chat.completion.chunk' as const,
      created: Math.floor(Date.now() / 1000),
      model: fallbackModel,
      usage_field: false,
    };
    const open = [...this.seen].filter((i) => !this.finished.has(i)).sort((a, b) => a - b);
    return { ...base, open_choices: this.seen.size === 0 ? [0] : open };
  }

  /**
   * Ordinary chunks (one choice, text deltas) in one regex pass over the keys, skipping over string
   * values; false when the chunk needs the full parse (tool calls, usage, errors, several choices).
   * A key pattern cannot match inside a string value: there every quote is escaped.
   */
  private pushFast(data: string): boolean {
    if (data.charCodeAt(0) !== 123 /* { */) return false;
    let choice = -1;
    let deltas = 0;
    let finish = false;
    const found: Array<[string, string]> = [];
    KEY_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = KEY_RE.exec(data)) !== null) {
      const key = m[1]!;
      const at = KEY_RE.lastIndex;
      const next = data.charCodeAt(at);
      if (key === 'tool_calls' || key === 'function_call' || key === 'error') return false;
      if (key === 'usage') {
        if (next === 123 /* { */) return false;
      } else if (key === 'delta') {
        if (++deltas > 1) return false;
      } else if (key === 'index') {
        if (choice < 0) choice = parseInt(data.slice(at, at + 6), 10);
      } else if (next === 34 /* " */) {
        const str = readJsonString(data, at + 1);
        if (!str) return false;
        if (key === 'finish_reason') finish = true;
        else if (TEXT_KEYS.has(key)) found.push([key, str.value]);
        KEY_RE.lastIndex = str.end;
      }
    }
    if (deltas !== 1 || !(choice >= 0)) return false;
    this.seen.add(choice);
    for (const [field, value] of found) this.addText(choice, field, value);
    if (finish) this.finished.add(choice);
    return true;
  }

  private pushObject(obj: Record<string, unknown>): void {
    if (obj.error !== undefined) return; // an in-stream error event
    if (!this.streamMeta && typeof obj.id === 'string') {
      this.streamMeta = {
        id: obj.id,
        object: obj.object === 'text_completion' ? 'text_completion' : 'chat.completion.chunk',
        created: typeof obj.created === 'number' ? obj.created : Math.floor(Date.now() / 1000),
        model: typeof obj.model === 'string' ? obj.model : this.model,
        ...(obj.system_fingerprint !== undefined ? { system_fingerprint: obj.system_fingerprint as string | null } : {}),
        usage_field: 'usage' in obj,
      };
    }
    if (isRecord(obj.usage)) this.upstreamUsage = toUsage(obj.usage);
    if (!Array.isArray(obj.choices)) return;
    for (const choice of obj.choices as unknown[]) {
      if (!isRecord(choice)) continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      this.seen.add(index);
      const delta = isRecord(choice.delta) ? choice.delta : choice; // completions streams carry `text` on the choice
      for (const field of TEXT_FIELDS) {
        const value = delta[field];
        if (typeof value === 'string') this.addText(index, field, value);
      }
      if (Array.isArray(delta.content)) {
        for (const part of delta.content as unknown[]) if (isRecord(part) && typeof part.text === 'string') this.addText(index, 'text', part.text);
      }
      if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls as unknown[]) this.addToolCall(index, call);
      if (isRecord(delta.function_call)) this.addToolCall(index, { index: -1, function: delta.function_call });
      if (typeof choice.finish_reason === 'string') this.finished.add(index);
    }
  }

  private addText(choice: number, field: string, value: string): void {
    if (value.length === 0) return;
    const key = `${choice}:${field}`;
    let text = this.texts.get(key);
    if (!text) {
      text = new GrowingText(this.encoder, this.pieces, this.flag);
      this.texts.set(key, text);
    }
    this.total += text.append(value);
  }

  /** Tool-call deltas are keyed by index, and by id too: some servers reuse index 0 for parallel calls. */
  private addToolCall(choice: number, call: unknown): void {
    if (!isRecord(call)) return;
    const index = typeof call.index === 'number' ? call.index : 0;
    const id = typeof call.id === 'string' && call.id ? call.id : undefined;
    const key = `${choice}:${index}`;
    let state = this.tools.get(key);
    if (!state || (id !== undefined && state.id !== undefined && id !== state.id)) {
      state = { id, args: new GrowingText(this.encoder, this.pieces, this.flag) };
      this.tools.set(key, state);
      this.toolCalls++;
    } else if (id !== undefined) state.id = id;
    const fn = isRecord(call.function) ? call.function : {};
    if (typeof fn.name === 'string' && fn.name) this.total += this.encoder.count(fn.name, this.flag);
    if (typeof fn.arguments === 'string') this.total += state.args.append(fn.arguments);
  }
}
