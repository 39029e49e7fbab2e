import type { LocalModelLogLine, LogStream } from '@aigw/shared/admin/local-models';
import type { LogSink } from '../system/log-file.repository.js';

/** Longer lines are cut: a process printing a megabyte without a newline must not eat memory. */
export const MAX_LINE_CHARS = 8192;

/** The last `capacity` lines, oldest first; constant memory. */
export class LogRingBuffer {
  private readonly lines: Array<LocalModelLogLine | undefined>;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.lines = new Array(capacity);
  }

  push(line: LocalModelLogLine): void {
    this.lines[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  get size(): number {
    return this.count;
  }

  tail(n: number): LocalModelLogLine[] {
    const take = Math.max(0, Math.min(n, this.count));
    const out: LocalModelLogLine[] = [];
    for (let i = take; i > 0; i--) out.push(this.lines[(this.next - i + this.capacity) % this.capacity]!);
    return out;
  }
}

/** Splits a byte stream into lines (LF, CRLF or CR), keeping a partial last line for the next chunk. */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const parts = text.split(/\r\n|\n|\r/);
    this.rest = parts.pop() ?? '';
    if (this.rest.length > MAX_LINE_CHARS) {
      parts.push(this.rest);
      this.rest = '';
    }
    return parts.map((p) => (p.length > MAX_LINE_CHARS ? `${p.slice(0, MAX_LINE_CHARS)}…` : p));
  }

  /** What is left at the end of the stream. */
  flush(): string[] {
    const rest = this.rest;
    this.rest = '';
    return rest ? [rest] : [];
  }
}

/** One log file line: `<ISO time> <stream> <text>`. */
export const formatLogLine = (l: LocalModelLogLine) => `${l.time} ${l.stream} ${l.line}\n`;

const STREAMS = new Set<string>(['stdout', 'stderr', 'host']);

/** Reads log file lines back; lines not in the format (cut at a rotation, edited) are kept as stdout text. */
export function parseLogLines(text: string): LocalModelLogLine[] {
  const out: LocalModelLogLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw) continue;
    const m = /^(\d{4}-\d\d-\d\dT[\d:.]+Z) (\w+) (.*)$/.exec(raw);
    if (m && STREAMS.has(m[2]!)) out.push({ time: m[1]!, stream: m[2] as LogStream, line: m[3]! });
    else out.push({ time: '', stream: 'stdout', line: raw });
  }
  return out;
}

/** Appends lines to a log file, rotating it (one old file kept) before it would pass `maxBytes`. */
export class RotatingLog {
  constructor(
    private readonly sink: LogSink,
    private readonly maxBytes: number,
  ) {}

  append(line: LocalModelLogLine): void {
    const text = formatLogLine(line);
    if (this.sink.size() > 0 && this.sink.size() + Buffer.byteLength(text) > this.maxBytes) this.sink.rotate();
    this.sink.write(text);
  }

  close(): void {
    this.sink.close();
  }
}
