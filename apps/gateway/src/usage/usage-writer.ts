import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { UsageEntry } from './usage-entry.js';
import { COPY_USAGE_SQL, INSERT_USAGE_SQL, usageCopyText, usageInsertParams } from './usage-insert.js';

/** Writes one batch of usage records, all or none; a refused batch fails with Postgres's SQLSTATE `code`. */
export interface UsageWriter {
  write(entries: readonly UsageEntry[]): Promise<void>;
}

export const USAGE_WRITER = Symbol('USAGE_WRITER');

/** A Postgres server: the batch as one COPY, on a connection of the pool. */
export class CopyUsageWriter implements UsageWriter {
  constructor(private readonly db: DataSource) {}

  async write(entries: readonly UsageEntry[]): Promise<void> {
    const pool = (this.db.driver as PostgresDriver).master as pg.Pool;
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await pipeline(Readable.from([usageCopyText(entries)]), client.query(copyFrom(COPY_USAGE_SQL)));
    } catch (err) {
      // Postgres refusing the data leaves the connection usable; anything else may not have.
      if (!(err instanceof pg.DatabaseError && err.severity === 'ERROR')) broken = err as Error;
      throw err;
    } finally {
      client.release(broken);
    }
  }
}

/** The embedded database: PGlite cannot take COPY over its socket, so one multi-row INSERT. */
export class InsertUsageWriter implements UsageWriter {
  constructor(private readonly db: DataSource) {}

  async write(entries: readonly UsageEntry[]): Promise<void> {
    await this.db.query(INSERT_USAGE_SQL, usageInsertParams(entries));
  }
}
