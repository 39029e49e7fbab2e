import { Module } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { RoutesController } from './routes.controller.js';
import { RoutesService } from './routes.service.js';

@Module({ imports: [SnapshotModule], controllers: [RoutesController], providers: [RoutesService], exports: [RoutesService] })
export class RoutesModule {}
