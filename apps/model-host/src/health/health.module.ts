import { Module } from '@nestjs/common';
import { GpusModule } from '../gpus/gpus.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({ imports: [GpusModule], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
