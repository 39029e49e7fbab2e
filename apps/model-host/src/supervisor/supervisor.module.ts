import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { GpusModule } from '../gpus/gpus.module.js';
import { SupervisorService } from './supervisor.service.js';

@Module({ imports: [CatalogModule, GpusModule], providers: [SupervisorService], exports: [SupervisorService] })
export class SupervisorModule {}
