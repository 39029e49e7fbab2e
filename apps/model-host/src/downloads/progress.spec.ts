import { describe, expect, it } from 'vitest';
import type { DownloadFileProgress } from '@aigw/shared/admin/local-models';
import { RateMeter, Semaphore, summarize } from './progress.js';

const f = (size: number | null, done: number): DownloadFileProgress => ({ path: 'x', size, bytes_done: done, state: 'downloading', sha256: null, attempts: 1, error: null });
const extra = { error: null, revision: null, started_at: null, finished_at: null };

describe('progress', () => {
  it('measures the rate over the last seconds', () => {
    const m = new RateMeter();
    m.sample(0, 0);
    m.sample(1000, 1000);
    m.sample(3000, 2000);
    expect(m.rate(2000)).toBe(1500);
    m.sample(20_000, 10_000);
    m.sample(21_000, 11_000);
    expect(m.rate(11_000)).toBe(1000);
    expect(new RateMeter().rate(5)).toBe(0);
  });

  it('sums files, estimates the time left', () => {
    expect(summarize('running', [f(1000, 500), f(3000, 500)], 100, extra)).toMatchObject({ bytes_done: 1000, bytes_total: 4000, rate_bps: 100, eta_s: 30 });
    expect(summarize('running', [f(null, 500)], 100, extra)).toMatchObject({ bytes_total: null, eta_s: null });
    expect(summarize('done', [f(10, 10)], 100, extra)).toMatchObject({ rate_bps: 0, eta_s: 0 });
  });

  it('the semaphore lets n through and hands a released slot to the next in order', async () => {
    const s = new Semaphore(2);
    const signal = new AbortController().signal;
    const r1 = await s.acquire(signal);
    await s.acquire(signal);
    const order: number[] = [];
    const third = s.acquire(signal).then(() => order.push(3));
    void s.acquire(signal).then(() => order.push(4));
    const aborted = new AbortController();
    const fifth = s.acquire(aborted.signal);
    aborted.abort(new Error('cancelled'));
    await expect(fifth).rejects.toThrow('cancelled');
    r1();
    r1();
    await third;
    expect(order).toEqual([3]);
  });
});
