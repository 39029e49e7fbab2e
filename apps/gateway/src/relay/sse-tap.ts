import type { TokenUsage } from '../providers/adapter.js';
import { OutputMeter } from '../tokens/output-meter.js';
import { truncationChunk } from '../tokens/stream-chunks.js';

const USAGE = Buffer.from('"usage":{');
const USAGE_ONLY = Buffer.from('"choices":[]');
const LF2 = Buffer.from('\n\n');
const CRLF2 = Buffer.from('\r\n\r\n');

/** End of the last complete event in `buf` (after its blank line), or -1. */
function lastEventEnd(buf: Buffer): number {
  const lf = buf.lastIndexOf(LF2);
  const crlf = buf.lastIndexOf(CRLF2);
  return Math.max(lf < 0 ? -1 : lf + 2, crlf < 0 ? -1 : crlf + 4);
}

/** End of the event starting at `from` (after its blank line), or the buffer's end. */
function eventEnd(buf: Buffer, from: number): number {
  const lf = buf.indexOf(LF2, from);
  const crlf = buf.indexOf(CRLF2, from);
  const ends = [lf < 0 ? -1 : lf + 2, crlf < 0 ? -1 : crlf + 4].filter((e) => e >= 0);
  return ends.length ? Math.min(...ends) : buf.length;
}

/** Bounds of the event around `pos`: from after the previous blank line to after the next one. */
function eventAround(buf: Buffer, pos: number): [number, number] {
  const lfBefore = buf.lastIndexOf(LF2, pos);
  const crlfBefore = buf.lastIndexOf(CRLF2, pos);
  const start = Math.max(lfBefore < 0 ? 0 : lfBefore + 2, crlfBefore < 0 ? 0 : crlfBefore + 4);
  return [start, eventEnd(buf, pos)];
}

/** How many events (blank-line terminated) a run of whole events holds. */
function countEvents(buf: Buffer): number {
  let n = 0;
  for (let at = buf.indexOf(10); at >= 0 && at < buf.length - 1; at = buf.indexOf(10, at + 1)) {
    if (buf[at + 1] === 10 || (buf[at + 1] === 13 && buf[at + 2] === 10)) n += 1;
  }
  return n;
}

/** The `data:` payload of one event (several data lines joined by newlines, as SSE defines). */
function eventData(event: string): string | null {
  let data: string | null = null;
  for (const line of event.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    data = data === null ? value : `${data}\n${value}`;
  }
  return data;
}

function parseUsage(event: Buffer): TokenUsage | undefined {
  const text = event.toString('utf8');
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    const usage = (JSON.parse(text.slice(start, text.lastIndexOf('}') + 1)) as { usage?: TokenUsage }).usage;
    return usage && typeof usage.prompt_tokens === 'number' ? usage : undefined;
  } catch {
    return undefined;
  }
}

/** A live output-token limit on one stream (the policy's `max_output_tokens`). */
export interface OutputLimit {
  tokens: number;
  /** The upstream model, whose tokenizer counts the output. */
  model: string;
  /** The prompt's tokens, for the usage sent when the stream is cut (the upstream never reports it then). */
  inputTokens: () => number;
  /** The client asked for the usage chunk: a cut stream ends with one; otherwise the usage rides on the last chunk. */
  clientAskedUsage: boolean;
}

/**
 * Watches an OpenAI event stream on its way to the client without re-encoding it: it forwards whole
 * events only (an event split across reads waits for its end), captures the usage the upstream
 * reports, and removes the usage-only chunk when the gateway asked for it and the client did not.
 * Byte searches only; an event is parsed only when it carries usage.
 *
 * With an output limit, every event's text is also counted (OutputMeter) and the stream is cut at the
 * limit: the event that would pass it is dropped, every open choice is closed with
 * `finish_reason: "length"`, the usage follows, then `[DONE]`; `cut` tells the caller to end the
 * response and abort the upstream.
 */
export class SseTap {
  private held: Buffer | null = null;
  private readonly meter: OutputMeter | undefined;
  usage: TokenUsage | undefined;
  /** Events seen so far: a rough count of output tokens when nothing better is known. */
  events = 0;
  /** The output limit was reached: the response is complete, nothing more is to be sent. */
  cut = false;
  /** What the client got before the cut (the meter also counted the dropped event). */
  private deliveredAtCut = 0;

  constructor(
    private readonly stripUsageChunk: boolean,
    private readonly limit?: OutputLimit,
  ) {
    this.meter = limit ? new OutputMeter(limit.model) : undefined;
  }

  push(chunk: Buffer): Buffer {
    if (this.cut) return EMPTY;
    const buf = this.held ? Buffer.concat([this.held, chunk]) : chunk;
    const end = lastEventEnd(buf);
    if (end < 0) {
      this.held = buf;
      return EMPTY;
    }
    this.held = end < buf.length ? buf.subarray(end) : null;
    return this.complete(end < buf.length ? buf.subarray(0, end) : buf);
  }

  /** The stream ended: whatever was held back. */
  end(): Buffer {
    const rest = this.held;
    this.held = null;
    return rest && !this.cut ? this.complete(rest) : EMPTY;
  }

  /** Output tokens the client received: counted when a limit is watched (up to the cut), else the events passed. */
  produced(): number {
    if (this.cut) return this.deliveredAtCut;
    return this.meter ? this.meter.produced() : this.events;
  }

  private complete(events: Buffer): Buffer {
    const metered = this.meter ? this.meterEvents(events) : events;
    if (this.cut) return metered;
    this.events += countEvents(metered);
    const at = metered.indexOf(USAGE);
    if (at < 0) return metered;
    const [from, to] = eventAround(metered, at);
    this.usage = parseUsage(metered.subarray(from, to)) ?? this.usage;
    if (!this.stripUsageChunk || metered.subarray(from, to).indexOf(USAGE_ONLY) < 0) return metered;
    return Buffer.concat([metered.subarray(0, from), metered.subarray(to)]);
  }

  /** Counts each event's output; at the limit, what is left to send: the events before it and the closing chunks. */
  private meterEvents(events: Buffer): Buffer {
    const meter = this.meter!;
    const limit = this.limit!;
    for (let from = 0; from < events.length; ) {
      const to = eventEnd(events, from);
      const data = eventData(events.subarray(from, to).toString('utf8'));
      const before = meter.produced();
      if (data !== null && meter.push(data) > limit.tokens) {
        this.cut = true;
        this.events += countEvents(events.subarray(0, from));
        const input = limit.inputTokens();
        const usage = { prompt_tokens: input, completion_tokens: before, total_tokens: input + before };
        this.deliveredAtCut = before;
        const tail = truncationChunk(meter.meta(), usage, !limit.clientAskedUsage);
        return Buffer.concat([events.subarray(0, from), Buffer.from(tail)]);
      }
      from = to;
    }
    return events;
  }
}

const EMPTY = Buffer.alloc(0);
