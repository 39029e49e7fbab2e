import type { DownloadFileProgress, DownloadProgress, DownloadState } from '@aigw/shared/admin/local-models';

const WINDOW_MS = 5000;

/** Bytes per second over the last few seconds (not since the start: a resumed download would look fast). */
export class RateMeter {
  private samples: Array<{ at: number; bytes: number }> = [];

  sample(bytes: number, at: number): void {
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[0]!.at > WINDOW_MS) this.samples.shift();
  }

  rate(now: number): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last === first) return 0;
    // no byte lately: the rate falls towards 0
    const span = Math.max(now, last.at) - first.at;
    return span > 0 ? Math.max(0, ((last.bytes - first.bytes) * 1000) / span) : 0;
  }
}

/** The whole download's numbers from its files'. */
export function summarize(
  state: DownloadState,
  files: DownloadFileProgress[],
  rateBps: number,
  extra: Pick<DownloadProgress, 'error' | 'revision' | 'started_at' | 'finished_at'>,
): DownloadProgress {
  const bytesDone = files.reduce((s, f) => s + f.bytes_done, 0);
  const total = files.every((f) => f.size !== null) ? files.reduce((s, f) => s + (f.size ?? 0), 0) : null;
  const rate = state === 'running' ? Math.round(rateBps) : 0;
  const eta = state === 'done' ? 0 : state === 'running' && total !== null && rate > 0 ? Math.ceil((total - bytesDone) / rate) : null;
  return { state, bytes_done: bytesDone, bytes_total: total, rate_bps: rate, eta_s: eta, files: files.map((f) => ({ ...f })), ...extra };
}

/** At most `n` tasks at once, the others wait in order (a released slot passes straight to the next). */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly n: number) {}

  async acquire(signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    if (this.active < this.n) this.active++;
    else {
      await new Promise<void>((resolve, reject) => {
        const go = () => {
          signal.removeEventListener('abort', abort);
          resolve();
        };
        const abort = () => {
          const i = this.waiting.indexOf(go);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', abort, { once: true });
        this.waiting.push(go);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}
