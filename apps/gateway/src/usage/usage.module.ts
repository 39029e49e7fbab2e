import { Module } from '@nestjs/common';
import type { DatabaseMode } from '@aigw/shared/health';
import { DataSource } from 'typeorm';
import { DATABASE_MODE } from '../database/database.module.js';
import { UsageController } from './usage.controller.js';
import { DEFAULT_USAGE_RECORDER_OPTIONS, USAGE_RECORDER_OPTIONS, UsageRecorder } from './usage.recorder.js';
import { UsageRetention } from './usage-retention.js';
import { UsageService } from './usage.service.js';
import { CopyUsageWriter, InsertUsageWriter, USAGE_WRITER, type UsageWriter } from './usage-writer.js';

/**
 * Usage records: the batched writer the data plane calls, retention, and the admin API. Not global
 * on purpose: Nest runs non-global modules' shutdown hooks before the global DatabaseModule's, which
 * is what lets the recorder write its queue out before the pool closes.
 */
@Module({
  controllers: [UsageController],
  providers: [
    UsageRecorder,
    UsageService,
    UsageRetention,
    { provide: USAGE_RECORDER_OPTIONS, useValue: DEFAULT_USAGE_RECORDER_OPTIONS },
    {
      provide: USAGE_WRITER,
      inject: [DataSource, DATABASE_MODE],
      useFactory: (db: DataSource, mode: DatabaseMode): UsageWriter => (mode === 'postgres' ? new CopyUsageWriter(db) : new InsertUsageWriter(db)),
    },
  ],
  exports: [UsageRecorder],
})
export class UsageModule {}
