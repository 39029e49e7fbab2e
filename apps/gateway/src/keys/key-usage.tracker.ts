import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '@aigw/server-kit/logger.module';

const FLUSH_MS = 10_000;

/**
 * `last_used_at` without a database write per request: the data plane notes the time in memory,
 * and one batched UPDATE every few seconds (and at shutdown) writes it.
 */
@Injectable()
export class KeyUsageTracker implements OnApplicationBootstrap, OnApplicationShutdown {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: DataSource,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  touch(keyId: string, at: number): void {
    this.pending.set(keyId, at);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const ids = [...batch.keys()];
    const times = ids.map((id) => new Date(batch.get(id)!).toISOString());
    try {
      await this.db.query(
        `UPDATE api_keys k SET last_used_at = GREATEST(k.last_used_at, u.at)
           FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at) WHERE k.id = u.id`,
        [ids, times],
      );
    } catch (err) {
      // Keep the newest times for the next attempt.
      for (const [id, at] of batch) if ((this.pending.get(id) ?? 0) < at) this.pending.set(id, at);
      this.log.warn({ err: (err as Error).message }, 'could not record key last_used_at; will retry');
    }
  }
}
