import { Module } from '@nestjs/common';
import { UsageController } from './usage.controller.js';
import { DEFAULT_USAGE_RECORDER_OPTIONS, USAGE_RECORDER_OPTIONS, UsageRecorder } from './usage.recorder.js';
import { UsageRetention } from './usage-retention.js';
import { UsageService } from './usage.service.js';

/**
 * Usage records: the batched writer the data plane calls, retention, and the admin API. Not global
 * on purpose: Nest runs non-global modules' shutdown hooks before the global DatabaseModule's, which
 * is what lets the recorder write its queue out before the pool closes.
 */
@Module({
  controllers: [UsageController],
  providers: [UsageRecorder, UsageService, UsageRetention, { provide: USAGE_RECORDER_OPTIONS, useValue: DEFAULT_USAGE_RECORDER_OPTIONS }],
  exports: [UsageRecorder],
})
export class UsageModule {}
