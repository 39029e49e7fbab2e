import { uuidV7 } from '@aigw/server-kit/uuid-v7';
import type { UsageEntry } from './usage-entry.js';
import { count, isoTime, statusCode, TEXT_MAX, type UsageBatch } from './usage-insert.js';

const TAB = 0x09;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BACKSLASH = 0x5c;
const CHUNK_BYTES = 64 * 1024;
/** Room for a line's fixed part: 22 separators and newline, the time, six counts, two flags. */
const FIXED_BYTES = 160;
/** Longer text (kept bodies) is escaped as a string and written at once rather than byte by byte. */
const BYTE_LOOP_MAX = 256;

const COPY_SPECIAL = /[\\\n\r\t\0]/;
const COPY_SPECIALS = /[\\\n\r\t\0]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '' };

/** UTF-16 units of a text. */
const units = (s: string | null | undefined) => s?.length ?? 0;
/** The most UTF-16 units the texts cut to `TEXT_MAX` can take together. */
const CAPPED_UNITS = Object.values(TEXT_MAX).reduce((sum, max) => sum + max, 0);

/**
 * Records as the data of `COPY_USAGE_SQL` (COPY's text format: one line per record, fields in
 * `COLUMNS` order separated by tabs, `\N` for null; backslash, newline, carriage return and tab
 * escaped, NUL dropped as Postgres text cannot hold it).
 *
 * Each record is written into the batch's memory when its request is recorded, byte by byte for
 * ASCII text: no string is made for a line, and nothing of a record stays on the JS heap after its
 * request. Lines kept as strings until the write lived long enough to reach V8's old generation,
 * so a busy gateway ran major collections for them.
 */
export class CopyBatch implements UsageBatch {
  /** Filled chunks, each cut to its lines: a line never spans two. */
  private readonly full: Buffer[] = [];
  private data: Buffer;
  private at: number;
  private count: number;

  /** An empty batch; or one record's line, newline included (`split`). */
  constructor(line?: Buffer) {
    this.data = line ?? Buffer.allocUnsafe(CHUNK_BYTES);
    this.at = line?.length ?? 0;
    this.count = line ? 1 : 0;
  }

  get size(): number {
    return this.count;
  }

  add(e: UsageEntry): void {
    const bodies = e.bodies;
    const text =
      CAPPED_UNITS + units(e.id) + units(e.keyId) + units(e.namespaceId) + units(e.routeId) + units(e.sourceId) + units(e.instanceId) + units(bodies?.request) + units(bodies?.response);
    // UTF-8 takes at most 3 bytes per UTF-16 unit (an escape, 2); a made id, 36.
    this.reserve(FIXED_BYTES + 36 + 3 * text);
    const id = e.id ?? uuidV7(e.createdAt.getTime());
    const idAt = this.at;
    this.text(id);
    const idEnd = this.at;
    this.tab();
    // A request id the gateway made is the record's id too: its bytes are already written.
    if (e.requestId === id && id.length <= TEXT_MAX.requestId) this.at += this.data.copy(this.data, this.at, idAt, idEnd);
    else this.text(e.requestId, TEXT_MAX.requestId);
    this.tab().ascii(isoTime(e.createdAt));
    this.tab().where(e);
    this.tab().int(count(e.inputTokens));
    this.tab().int(count(e.outputTokens));
    this.tab().flag(e.estimated);
    this.tab().int(statusCode(e.status));
    this.tab().text(e.errorCode, TEXT_MAX.errorCode);
    this.tab().int(count(e.latencyMs));
    this.tab();
    if (e.ttftMs === null) this.null();
    else this.int(count(e.ttftMs));
    this.tab().text(e.clientIp, TEXT_MAX.clientIp);
    this.tab().text(bodies?.request);
    this.tab().text(bodies?.response);
    this.tab().flag(bodies?.truncated ?? false);
    this.data[this.at++] = NEWLINE;
    this.count++;
  }

  /** The COPY data, every line ended by a newline, in pieces of whole lines. */
  chunks(): Buffer[] {
    return this.at > 0 ? [...this.full, this.data.subarray(0, this.at)] : [...this.full];
  }

  /** A newline byte only ever ends a line: one inside a text is escaped, and UTF-8 never uses the byte otherwise. */
  split(): CopyBatch[] {
    const rows: CopyBatch[] = [];
    for (const chunk of this.chunks()) {
      for (let start = 0; start < chunk.length; ) {
        const end = chunk.indexOf(NEWLINE, start) + 1;
        rows.push(new CopyBatch(chunk.subarray(start, end)));
        start = end;
      }
    }
    return rows;
  }

  toString(): string {
    return this.chunks()
      .map((chunk) => chunk.toString('utf8'))
      .join('');
  }

  /** Room for the next line: a new chunk when this one cannot take it. */
  private reserve(bytes: number): void {
    if (this.at + bytes <= this.data.length) return;
    if (this.at > 0) this.full.push(this.data.subarray(0, this.at));
    this.data = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
    this.at = 0;
  }

  /**
   * Who served the request, from key to upstream model: the same for most of a route's requests, so
   * the bytes of a recent one are copied rather than written again (over half of a line's bytes).
   */
  private where(e: UsageEntry): void {
    const seen = recentWhere.find(e);
    if (seen) {
      this.at += seen.bytes.copy(this.data, this.at);
      return;
    }
    const start = this.at;
    this.text(e.keyId);
    this.tab().text(e.namespaceId);
    this.tab().text(e.routeId);
    this.tab().text(e.sourceId);
    this.tab().text(e.instanceId);
    this.tab().text(e.operation, TEXT_MAX.operation);
    this.tab().text(e.model, TEXT_MAX.model);
    this.tab().text(e.upstreamModel, TEXT_MAX.upstreamModel);
    recentWhere.keep(e, Buffer.from(this.data.subarray(start, this.at)));
  }

  private tab(): this {
    this.data[this.at++] = TAB;
    return this;
  }

  private null(): void {
    this.data[this.at++] = BACKSLASH;
    this.data[this.at++] = 0x4e; // N
  }

  private flag(on: boolean): void {
    this.data[this.at++] = on ? 0x74 : 0x66; // t, f
  }

  /** A whole number from 0 to 2^31 - 1, in decimal. */
  private int(n: number): void {
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    let at = (this.at += digits);
    do {
      this.data[--at] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
  }

  /** Text with nothing to escape and nothing beyond ASCII (the time). */
  private ascii(s: string): void {
    for (let i = 0; i < s.length; i++) this.data[this.at++] = s.charCodeAt(i);
  }

  /** Text, cut to `max` UTF-16 units and escaped; ASCII byte by byte, the rest through UTF-8 encoding. */
  private text(s: string | null | undefined, max = Infinity): void {
    if (s == null) return this.null();
    const n = Math.min(s.length, max);
    if (n > BYTE_LOOP_MAX) return this.encoded(n < s.length ? s.slice(0, n) : s);
    const data = this.data;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x20 && c < 0x80 && c !== BACKSLASH) data[at++] = c;
      else if (c >= 0x80) {
        this.at = at;
        return this.encoded(s.slice(i, n));
      } else if (c === BACKSLASH || c === NEWLINE || c === CARRIAGE_RETURN || c === TAB) {
        data[at++] = BACKSLASH;
        data[at++] = c === BACKSLASH ? BACKSLASH : c === NEWLINE ? 0x6e : c === CARRIAGE_RETURN ? 0x72 : 0x74; // \\ \n \r \t
      } else if (c !== 0) data[at++] = c;
    }
    this.at = at;
  }

  private encoded(s: string): void {
    const escaped = COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]!) : s;
    this.at += this.data.write(escaped, this.at, 'utf8');
  }
}

type Where = Pick<UsageEntry, 'keyId' | 'namespaceId' | 'routeId' | 'sourceId' | 'instanceId' | 'operation' | 'model' | 'upstreamModel'>;

/** The last few `where` segments written, with their COPY bytes; the oldest makes room for a new one. */
class RecentWhere {
  private readonly kept: (Where & { bytes: Buffer })[] = [];
  private next = 0;

  constructor(private readonly size: number) {}

  find(e: Where): { bytes: Buffer } | undefined {
    for (const w of this.kept) {
      if (
        w.keyId === e.keyId &&
        w.routeId === e.routeId &&
        w.instanceId === e.instanceId &&
        w.model === e.model &&
        w.upstreamModel === e.upstreamModel &&
        w.operation === e.operation &&
        w.namespaceId === e.namespaceId &&
        w.sourceId === e.sourceId
      ) {
        return w;
      }
    }
    return undefined;
  }

  keep(e: Where, bytes: Buffer): void {
    const w = { keyId: e.keyId, namespaceId: e.namespaceId, routeId: e.routeId, sourceId: e.sourceId, instanceId: e.instanceId, operation: e.operation, model: e.model, upstreamModel: e.upstreamModel, bytes };
    this.kept[this.next] = w;
    this.next = (this.next + 1) % this.size;
  }
}

const recentWhere = new RecentWhere(16);
