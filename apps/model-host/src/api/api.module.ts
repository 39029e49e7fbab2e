import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { DownloadsModule } from '../downloads/downloads.module.js';
import { SupervisorModule } from '../supervisor/supervisor.module.js';
import { LocalModelsController } from './local-models.controller.js';
import { LocalModelsService } from './local-models.service.js';

@Module({ imports: [CatalogModule, DownloadsModule, SupervisorModule], controllers: [LocalModelsController], providers: [LocalModelsService] })
export class ApiModule {}
