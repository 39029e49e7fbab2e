import { Module } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { KeyUsageTracker } from './key-usage.tracker.js';
import { KeysController } from './keys.controller.js';
import { KeysService } from './keys.service.js';

@Module({
  imports: [SnapshotModule],
  controllers: [KeysController],
  providers: [KeysService, KeyUsageTracker],
  exports: [KeyUsageTracker],
})
export class KeysModule {}
