import { Module } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { HostMonitor } from './host-monitor.service.js';
import { LocalModelsController } from './local-models.controller.js';
import { LocalModelsService } from './local-models.service.js';
import { ModelHostsController } from './model-hosts.controller.js';
import { ModelHostsService } from './model-hosts.service.js';

@Module({
  imports: [SnapshotModule],
  controllers: [ModelHostsController, LocalModelsController],
  providers: [ModelHostsService, LocalModelsService, HostMonitor],
  exports: [ModelHostsService],
})
export class ModelHostsModule {}
