import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { CopyBatch } from './copy-batch.js';
import { COPY_USAGE_SQL, INSERT_USAGE_SQL, JsonRowsBatch, type UsageBatch } from './usage-insert.js';

/**
 * How usage records reach the database: in batches of the writer's own form, which the recorder
 * fills as requests are recorded; `write` sends one, all or none. A refused batch fails with
 * Postgres's SQLSTATE `code`.
 */
export interface UsageWriter<B extends UsageBatch = UsageBatch> {
  /** An empty batch. */
  batch(): B;
  write(batch: B): Promise<void>;
}

export const USAGE_WRITER = Symbol('USAGE_WRITER');

/** A Postgres server: the batch as one COPY (Postgres's cheapest way in), on a connection of the pool. */
export class CopyUsageWriter implements UsageWriter<CopyBatch> {
  constructor(private readonly db: DataSource) {}

  batch(): CopyBatch {
    return new CopyBatch();
  }

  async write(batch: CopyBatch): Promise<void> {
    const pool = (this.db.driver as PostgresDriver).master as pg.Pool;
    const client = await pool.connect();
    let broken: Error | undefined;
    // A client out of the pool has no error listener: a connection lost mid-COPY would otherwise be
    // an unhandled 'error' event (a crash). The COPY itself fails with the same error.
    const lost = (err: Error) => (broken = err);
    client.on('error', lost);
    try {
      const copy = client.query(copyFrom(COPY_USAGE_SQL));
      // 'finish' comes once Postgres has taken the data (pg-copy-streams waits for its answer).
      await new Promise<void>((resolve, reject) => {
        copy.once('finish', resolve);
        copy.once('error', reject);
        for (const chunk of batch.chunks()) copy.write(chunk);
        copy.end();
      });
    } catch (err) {
      // Postgres refusing the data leaves the connection usable; anything else may not have.
      if (!(err instanceof pg.DatabaseError && err.severity === 'ERROR')) broken ??= err as Error;
      throw err;
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
  }
}

/** The embedded database: PGlite cannot take COPY over its socket, so one multi-row INSERT. */
export class InsertUsageWriter implements UsageWriter<JsonRowsBatch> {
  constructor(private readonly db: DataSource) {}

  batch(): JsonRowsBatch {
    return new JsonRowsBatch();
  }

  async write(batch: JsonRowsBatch): Promise<void> {
    await this.db.query(INSERT_USAGE_SQL, batch.params());
  }
}
