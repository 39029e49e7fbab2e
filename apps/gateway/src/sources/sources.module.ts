import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { SourcesController } from './sources.controller.js';
import { ConnectionTester } from './connection-tester.js';
import { SourcesService } from './sources.service.js';

@Module({
  imports: [SnapshotModule, HealthModule],
  controllers: [SourcesController],
  providers: [SourcesService, ConnectionTester],
  exports: [SourcesService],
})
export class SourcesModule {}
