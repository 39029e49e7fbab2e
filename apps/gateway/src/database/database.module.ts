import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { createDataSource, migrate } from './data-source.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import type { DatabaseMode } from '@aigw/shared/health';

export const DATABASE_MODE = Symbol('DATABASE_MODE');
const EMBEDDED = Symbol('EMBEDDED_POSTGRES');

@Global()
@Module({
  providers: [
    {
      provide: EMBEDDED,
      inject: [APP_CONFIG, LOGGER],
      useFactory: async (config: AppConfig, log: Logger): Promise<EmbeddedPostgres | null> => {
        if (config.databaseUrl) return null;
        const embedded = await startEmbeddedPostgres(config.dataDir);
        log.info({ data_dir: config.dataDir }, 'database: embedded PGlite (DATABASE_URL unset); single instance only');
        return embedded;
      },
    },
    {
      provide: DataSource,
      inject: [APP_CONFIG, LOGGER, EMBEDDED],
      useFactory: async (config: AppConfig, log: Logger, embedded: EmbeddedPostgres | null) => {
        const dataSource = createDataSource(embedded?.url ?? config.databaseUrl!, { poolSize: embedded ? 1 : 10 });
        await dataSource.initialize();
        const applied = await migrate(dataSource);
        if (!embedded) log.info('database: postgres (DATABASE_URL)');
        if (applied.length) log.info({ migrations: applied }, 'database migrations applied');
        return dataSource;
      },
    },
    { provide: DATABASE_MODE, inject: [APP_CONFIG], useFactory: (c: AppConfig): DatabaseMode => (c.databaseUrl ? 'postgres' : 'embedded-pglite') },
  ],
  exports: [DataSource, DATABASE_MODE],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}
