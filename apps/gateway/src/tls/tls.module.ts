import { Module } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { HttpsListener } from './https-listener.js';

@Module({ imports: [SnapshotModule], providers: [HttpsListener], exports: [HttpsListener] })
export class TlsModule {}
