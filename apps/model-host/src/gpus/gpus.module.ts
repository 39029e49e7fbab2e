import { Module } from '@nestjs/common';
import { GpusController } from './gpus.controller.js';
import { GpusService } from './gpus.service.js';

@Module({ controllers: [GpusController], providers: [GpusService], exports: [GpusService] })
export class GpusModule {}
