import type { Logger } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MetricsService } from '../metrics/metrics.service.js';
import type { UsageEntry } from './usage-entry.js';
import { usageEntry } from './testing/usage-entry.fixture.js';
import { UsageRecorder, type UsageRecorderOptions } from './usage.recorder.js';
import type { UsageBatch } from './usage-insert.js';
import type { UsageWriter } from './usage-writer.js';

const entry = (n: number): UsageEntry => usageEntry({ requestId: `req-${n}` });

/** Request ids as a batch: the queueing, batching and retrying under test here use no real encoding. */
class IdBatch implements UsageBatch {
  constructor(readonly ids: string[] = []) {}
  get size(): number {
    return this.ids.length;
  }
  add(entry: UsageEntry): void {
    this.ids.push(entry.requestId);
  }
  split(): IdBatch[] {
    return this.ids.map((id) => new IdBatch([id]));
  }
  toString(): string {
    return this.ids.join('\n');
  }
}

/**
 * A writer that keeps the request ids it was given, or fails as told: the queueing, batching and
 * retrying under test here (the writers themselves run against Postgres in usage-writer.e2e-spec).
 */
class FakeWriter implements UsageWriter<IdBatch> {
  rows: string[] = [];
  inserts = 0;
  fail: ((ids: string[]) => Error | undefined) | undefined;
  batch(): IdBatch {
    return new IdBatch();
  }

  async write(batch: IdBatch): Promise<void> {
    this.inserts += 1;
    await Promise.resolve();
    const ids = [...batch.ids];
    const error = this.fail?.(ids);
    if (error) throw error;
    this.rows.push(...ids);
  }
}

const sqlError = (code: string) => Object.assign(new Error(`sql ${code}`), { code });

function setup(options: Partial<UsageRecorderOptions> = {}) {
  const db = new FakeWriter();
  const dropped: Record<string, number> = {};
  let depth = () => 0;
  const metrics = {
    trackUsageQueue: (fn: () => number) => (depth = fn),
    countUsageDropped: (reason: string, n = 1) => (dropped[reason] = (dropped[reason] ?? 0) + n),
    countUsageWriteFailure: () => undefined,
  } as unknown as MetricsService;
  const log = { warn: vi.fn(), error: vi.fn(), info: vi.fn() } as unknown as Logger;
  const recorder = new UsageRecorder(db, metrics, log, {
    batchSize: 3,
    encodeEvery: 1,
    flushEveryMs: 1000,
    capacity: 10,
    maxBackoffMs: 4000,
    shutdownDrainMs: 500,
    ...options,
  });
  return { db, dropped, recorder, log, depth: () => depth() };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('UsageRecorder', () => {
  it('queues without writing, then writes everything in batches on flush', async () => {
    const { db, recorder, depth } = setup();
    recorder.record(entry(1));
    recorder.record(entry(2));
    expect(db.inserts).toBe(0);
    expect(depth()).toBe(2);
    await recorder.flush();
    expect(db.rows).toEqual(['req-1', 'req-2']);
    expect(db.inserts).toBe(1);
    expect(depth()).toBe(0);
  });

  it('writes as soon as a batch is full, one INSERT per batch', async () => {
    const { db, recorder } = setup();
    for (let i = 1; i <= 7; i++) recorder.record(entry(i));
    await recorder.flush();
    expect(db.rows).toEqual(['req-1', 'req-2', 'req-3', 'req-4', 'req-5', 'req-6', 'req-7']);
    expect(db.inserts).toBe(3);
  });

  it('writes only full batches while records keep coming: a batch still filling waits for the tick', async () => {
    vi.useFakeTimers({ now: 0 });
    const { db, recorder } = setup();
    recorder.onApplicationBootstrap();
    let release!: () => void;
    const written = db.write.bind(db);
    db.write = async (batch) => {
      await new Promise<void>((resolve) => (release = resolve));
      return written(batch);
    };
    for (let i = 1; i <= 3; i++) recorder.record(entry(i)); // full: written at once
    for (let i = 4; i <= 8; i++) recorder.record(entry(i)); // meanwhile: one more full batch, one filling
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(db.rows).toEqual(['req-1', 'req-2', 'req-3', 'req-4', 'req-5', 'req-6']);
    expect(recorder.depth).toBe(2);
    await vi.advanceTimersByTimeAsync(1000); // the tick writes the rest
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(db.rows).toEqual(['req-1', 'req-2', 'req-3', 'req-4', 'req-5', 'req-6', 'req-7', 'req-8']);
    expect(db.inserts).toBe(3);
    await recorder.onApplicationShutdown();
  });

  it('encodes records a group at a time, and whatever waits on every flush', async () => {
    const { db, recorder, depth } = setup({ encodeEvery: 4 });
    const encoded: string[] = [];
    const batch = db.batch.bind(db);
    db.batch = () => {
      const made = batch();
      const add = made.add.bind(made);
      made.add = (entry) => (encoded.push(entry.requestId), add(entry));
      return made;
    };
    for (let i = 1; i <= 3; i++) recorder.record(entry(i));
    expect(encoded).toEqual([]);
    expect(depth()).toBe(3); // waiting, counted
    recorder.record(entry(4));
    expect(encoded).toEqual(['req-1', 'req-2', 'req-3', 'req-4']);
    recorder.record(entry(5));
    await recorder.flush();
    expect(db.rows).toEqual(['req-1', 'req-2', 'req-3', 'req-4', 'req-5']);
    expect(depth()).toBe(0);
  });

  it('counts records waiting to be encoded against its capacity', () => {
    const { recorder, dropped } = setup({ encodeEvery: 10, capacity: 5 });
    for (let i = 1; i <= 7; i++) recorder.record(entry(i));
    expect(recorder.depth).toBe(5);
    expect(dropped.queue_full).toBe(2);
  });

  it('keeps records while the database is away and writes them, in order, when it is back', async () => {
    vi.useFakeTimers({ now: 0 });
    const { db, recorder } = setup();
    db.fail = () => sqlError('ECONNREFUSED');
    for (let i = 1; i <= 4; i++) recorder.record(entry(i));
    await recorder.flush();
    expect(db.rows).toEqual([]);
    expect(recorder.depth).toBe(4);
    recorder.record(entry(5));
    db.fail = undefined;
    await recorder.flush();
    expect(db.rows).toEqual(['req-1', 'req-2', 'req-3', 'req-4', 'req-5']);
  });

  it('backs off between failed attempts on the timer', async () => {
    vi.useFakeTimers({ now: 0 });
    const { db, recorder } = setup();
    recorder.onApplicationBootstrap();
    db.fail = () => sqlError('57P01');
    recorder.record(entry(1));
    await vi.advanceTimersByTimeAsync(1000);
    expect(db.inserts).toBe(1);
    await vi.advanceTimersByTimeAsync(1000); // backoff 1 s: retried at 2 s
    expect(db.inserts).toBe(2);
    await vi.advanceTimersByTimeAsync(1000); // backoff 2 s now: not yet
    expect(db.inserts).toBe(2);
    db.fail = undefined;
    await vi.advanceTimersByTimeAsync(2000);
    expect(db.rows).toEqual(['req-1']);
    await recorder.onApplicationShutdown();
  });

  it('drops (and counts) what does not fit while the database is away', async () => {
    const { db, recorder, dropped, log } = setup({ capacity: 5 });
    db.fail = () => sqlError('ECONNREFUSED');
    for (let i = 1; i <= 8; i++) recorder.record(entry(i));
    expect(recorder.depth).toBe(5);
    expect(dropped.queue_full).toBe(3);
    expect(log.warn).toHaveBeenCalled();
  });

  it('drops only the rows the database refuses, keeping the rest of their batch', async () => {
    const { db, recorder, dropped } = setup();
    db.fail = (ids) => (ids.includes('req-2') ? sqlError('22P02') : undefined);
    for (let i = 1; i <= 3; i++) recorder.record(entry(i));
    await recorder.flush();
    expect(db.rows).toEqual(['req-1', 'req-3']);
    expect(dropped.rejected).toBe(1);
    expect(recorder.depth).toBe(0);
  });

  it('keeps the rest of a refused batch, in order, when the database goes away while it is retried record by record', async () => {
    vi.useFakeTimers({ now: 0 });
    const { db, recorder, dropped } = setup({ batchSize: 4 });
    db.fail = (ids) => (ids.length > 1 || ids[0] === 'req-2' ? sqlError('23502') : ids[0] === 'req-3' ? sqlError('ECONNRESET') : undefined);
    for (let i = 1; i <= 4; i++) recorder.record(entry(i));
    await recorder.flush();
    expect(db.rows).toEqual(['req-1']);
    expect(dropped.rejected).toBe(1);
    expect(recorder.depth).toBe(2); // req-3 and req-4 wait for the database
    recorder.record(entry(5));
    db.fail = undefined;
    vi.setSystemTime(60_000); // past the backoff
    await recorder.flush();
    expect(db.rows).toEqual(['req-1', 'req-3', 'req-4', 'req-5']);
    expect(recorder.depth).toBe(0);
  });

  it('writes everything out on shutdown, retrying a failed write', async () => {
    const { db, recorder } = setup();
    let failures = 1;
    db.fail = () => (failures-- > 0 ? sqlError('ECONNRESET') : undefined);
    for (let i = 1; i <= 5; i++) recorder.record(entry(i));
    await recorder.onApplicationShutdown();
    expect(db.rows).toEqual(['req-1', 'req-2', 'req-3', 'req-4', 'req-5']);
  });

  it('gives up on shutdown after its drain time, saying how many were lost', async () => {
    const { db, recorder, log, dropped } = setup({ shutdownDrainMs: 100 });
    db.fail = () => sqlError('ECONNREFUSED');
    recorder.record(entry(1));
    await recorder.onApplicationShutdown();
    expect(dropped.shutdown).toBe(1);
    expect(log.error).toHaveBeenCalledWith({ lost: 1 }, expect.stringContaining('could not be written'));
  });
});
