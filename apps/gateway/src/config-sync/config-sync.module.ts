import { Module } from '@nestjs/common';
import { RoutesModule } from '../routes/routes.module.js';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { ConfigApplyService } from './config-apply.service.js';
import { ConfigExportService } from './config-export.service.js';
import { ConfigStateRepository } from './config-state.repository.js';
import { ConfigSyncController } from './config-sync.controller.js';
import { ConfigWriter } from './config-writer.js';

/** `GET /api/admin/config/export`, `POST /api/admin/config/apply` (issue 3, item 8). */
@Module({
  imports: [SourcesModule, RoutesModule, SnapshotModule],
  controllers: [ConfigSyncController],
  providers: [ConfigApplyService, ConfigExportService, ConfigStateRepository, ConfigWriter],
})
export class ConfigSyncModule {}
