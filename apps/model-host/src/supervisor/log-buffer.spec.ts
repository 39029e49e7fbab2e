import { describe, expect, it } from 'vitest';
import type { LocalModelLogLine } from '@aigw/shared/admin/local-models';
import type { LogSink } from '../system/log-file.repository.js';
import { formatLogLine, LineSplitter, LogRingBuffer, MAX_LINE_CHARS, parseLogLines, RotatingLog } from './log-buffer.js';

const line = (n: number): LocalModelLogLine => ({ time: '2026-11-22T06:00:00.000Z', stream: 'stdout', line: `line ${n}` });

class FakeSink implements LogSink {
  files: string[] = [''];
  closed = false;
  size() {
    return Buffer.byteLength(this.files.at(-1)!);
  }
  write(text: string) {
    this.files[this.files.length - 1] += text;
  }
  rotate() {
    this.files.push('');
  }
  close() {
    this.closed = true;
  }
}

describe('LogRingBuffer', () => {
  it('keeps the last lines, oldest first', () => {
    const ring = new LogRingBuffer(3);
    expect(ring.tail(5)).toEqual([]);
    for (let i = 1; i <= 5; i++) ring.push(line(i));
    expect(ring.size).toBe(3);
    expect(ring.tail(10).map((l) => l.line)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(ring.tail(2).map((l) => l.line)).toEqual(['line 4', 'line 5']);
    expect(ring.tail(0)).toEqual([]);
  });
});

describe('LineSplitter', () => {
  it('splits on LF, CRLF and CR, keeping a partial line for the next chunk', () => {
    const s = new LineSplitter();
    expect(s.push('a\nb\r\nc')).toEqual(['a', 'b']);
    expect(s.push('d\re\n')).toEqual(['cd', 'e']);
    expect(s.push('tail')).toEqual([]);
    expect(s.flush()).toEqual(['tail']);
    expect(s.flush()).toEqual([]);
  });

  it('cuts an endless line', () => {
    const s = new LineSplitter();
    const out = s.push('x'.repeat(MAX_LINE_CHARS + 10));
    expect(out).toHaveLength(1);
    expect(out[0]!.length).toBe(MAX_LINE_CHARS + 1);
  });
});

describe('RotatingLog', () => {
  it('rotates before a write would pass the limit, never splitting a line', () => {
    const sink = new FakeSink();
    const size = Buffer.byteLength(formatLogLine(line(1)));
    const log = new RotatingLog(sink, size * 2 + 1);
    for (let i = 1; i <= 5; i++) log.append(line(i));
    expect(sink.files.map((f) => parseLogLines(f).map((l) => l.line))).toEqual([['line 1', 'line 2'], ['line 3', 'line 4'], ['line 5']]);
    log.close();
    expect(sink.closed).toBe(true);
  });

  it('writes a line longer than the limit into a file of its own', () => {
    const sink = new FakeSink();
    const log = new RotatingLog(sink, 10);
    log.append(line(1));
    log.append(line(2));
    expect(sink.files.map((f) => f.split('\n').length - 1)).toEqual([1, 1]);
  });
});

describe('parseLogLines', () => {
  it('reads back what was written, and keeps foreign lines as stdout', () => {
    const text = formatLogLine({ time: '2026-11-22T06:00:00.000Z', stream: 'host', line: 'started: a b  c' }) + 'garbage without a time\n' + formatLogLine(line(2));
    expect(parseLogLines(text)).toEqual([
      { time: '2026-11-22T06:00:00.000Z', stream: 'host', line: 'started: a b  c' },
      { time: '', stream: 'stdout', line: 'garbage without a time' },
      line(2),
    ]);
  });
});
