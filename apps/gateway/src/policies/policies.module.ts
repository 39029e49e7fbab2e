import { Module } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { PoliciesController } from './policies.controller.js';
import { PoliciesService } from './policies.service.js';

@Module({ imports: [SnapshotModule], controllers: [PoliciesController], providers: [PoliciesService], exports: [PoliciesService] })
export class PoliciesModule {}
