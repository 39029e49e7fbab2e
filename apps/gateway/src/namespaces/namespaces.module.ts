import { Module } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { NamespacesController } from './namespaces.controller.js';
import { NamespacesService } from './namespaces.service.js';

@Module({ imports: [SnapshotModule], controllers: [NamespacesController], providers: [NamespacesService], exports: [NamespacesService] })
export class NamespacesModule {}
