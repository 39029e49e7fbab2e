import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';

const EVERY_MS = 3600_000;
const BATCH = 5000;
/** Arbitrary constant: one replica prunes at a time. */
const PRUNE_LOCK = 7_331_301;

/**
 * `USAGE_RETENTION_DAYS`: at start-up and then hourly, usage records older than that are deleted in
 * batches of 5000 (short transactions, so the writer and the admin queries keep going). Replicas
 * take turns through a transaction-scoped advisory lock.
 */
@Injectable()
export class UsageRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.usageRetentionDays === 0) return;
    void this.prune();
    this.timer = setInterval(() => void this.prune(), EVERY_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes what is past retention; returns how many records went. */
  prune(): Promise<number> {
    this.running ??= this.pruneAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pruneAll(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.usageRetentionDays * 86_400_000);
    let total = 0;
    try {
      while (!this.stopping) {
        const deleted = await this.db.transaction(async (tx) => {
          const [lock] = (await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [PRUNE_LOCK])) as Array<{ locked: boolean }>;
          if (!lock?.locked) return 0;
          const [gone] = (await tx.query(
            `WITH doomed AS (SELECT id FROM usage_records WHERE created_at < $1 LIMIT ${BATCH}),
                  gone AS (DELETE FROM usage_records u USING doomed d WHERE u.id = d.id RETURNING 1)
             SELECT count(*)::int AS n FROM gone`,
            [cutoff.toISOString()],
          )) as Array<{ n: number }>;
          return gone?.n ?? 0;
        });
        total += deleted;
        if (deleted < BATCH) break;
      }
      if (total > 0) this.log.info({ deleted: total, retention_days: this.config.usageRetentionDays }, 'pruned old usage records');
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'could not prune usage records; will try again in an hour');
    }
    return total;
  }
}
