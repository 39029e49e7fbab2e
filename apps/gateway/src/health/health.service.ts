import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ComponentHealth, DatabaseMode, GatewayHealth, StoreMode } from '@aigw/shared/health';
import { GATEWAY_VERSION } from '../config/version.js';
import { DATABASE_MODE } from '../database/database.module.js';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value-store.js';
import { HttpsListener } from '../tls/https-listener.js';

const CHECK_TIMEOUT_MS = 2000;
const startedAt = Date.now();

async function probe<M extends string>(mode: M, check: () => Promise<unknown>): Promise<ComponentHealth<M>> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)))]);
    return { mode, ok: true, latency_ms: Math.round((performance.now() - t0) * 10) / 10, error: null };
  } catch (err) {
    return { mode, ok: false, latency_ms: null, error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    private readonly db: DataSource,
    @Inject(DATABASE_MODE) private readonly databaseMode: DatabaseMode,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    private readonly https: HttpsListener,
  ) {}

  async check(): Promise<GatewayHealth> {
    const [database, store] = await Promise.all([
      probe<DatabaseMode>(this.databaseMode, () => this.db.query('SELECT 1')),
      probe<StoreMode>(this.store.mode, () => this.store.ping()),
    ]);
    return {
      status: database.ok && store.ok ? 'ok' : 'degraded',
      version: GATEWAY_VERSION,
      uptime_s: Math.round((Date.now() - startedAt) / 1000),
      database,
      store,
      https: this.https.health(),
    };
  }
}
