import type { TokenUsage } from '../providers/adapter.js';

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

/** Bounds of the event around `pos`: from after the previous blank line to after the next one. */
function eventAround(buf: Buffer, pos: number): [number, number] {
  const lfBefore = buf.lastIndexOf(LF2, pos);
  const crlfBefore = buf.lastIndexOf(CRLF2, pos);
  const start = Math.max(lfBefore < 0 ? 0 : lfBefore + 2, crlfBefore < 0 ? 0 : crlfBefore + 4);
  const lfAfter = buf.indexOf(LF2, pos);
  const crlfAfter = buf.indexOf(CRLF2, pos);
  const ends = [lfAfter < 0 ? -1 : lfAfter + 2, crlfAfter < 0 ? -1 : crlfAfter + 4].filter((e) => e >= 0);
  return [start, ends.length ? Math.min(...ends) : buf.length];
}

/** How many events (blank-line terminated) a run of whole events holds. */
function countEvents(buf: Buffer): number {
  let n = 0;
  for (let at = buf.indexOf(10); at >= 0 && at < buf.length - 1; at = buf.indexOf(10, at + 1)) {
    if (buf[at + 1] === 10 || (buf[at + 1] === 13 && buf[at + 2] === 10)) n += 1;
  }
  return n;
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

/**
 * Watches an OpenAI event stream on its way to the client without re-encoding it: it forwards whole
 * events only (an event split across reads waits for its end), captures the usage the upstream
 * reports, and removes the usage-only chunk when the gateway asked for it and the client did not.
 * Byte searches only; an event is parsed only when it carries usage.
 */
export class SseTap {
  private held: Buffer | null = null;
  usage: TokenUsage | undefined;
  /** Events seen so far: a rough count of output tokens when the upstream reports none. */
  events = 0;

  constructor(private readonly stripUsageChunk: boolean) {}

  push(chunk: Buffer): Buffer {
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
    return rest ? this.complete(rest) : EMPTY;
  }

  private complete(events: Buffer): Buffer {
    this.events += countEvents(events);
    const at = events.indexOf(USAGE);
    if (at < 0) return events;
    const [from, to] = eventAround(events, at);
    this.usage = parseUsage(events.subarray(from, to)) ?? this.usage;
    if (!this.stripUsageChunk || events.subarray(from, to).indexOf(USAGE_ONLY) < 0) return events;
    return Buffer.concat([events.subarray(0, from), events.subarray(to)]);
  }
}

const EMPTY = Buffer.alloc(0);
