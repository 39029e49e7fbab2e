import { Module } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { TlsModule } from '../tls/tls.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';
import { InstanceHealthRegistry } from './instance-health.registry.js';
import { UpstreamsHealthController } from './upstreams-health.controller.js';

@Module({
  imports: [SnapshotModule, TlsModule],
  controllers: [HealthController, UpstreamsHealthController],
  providers: [HealthService, { provide: InstanceHealthRegistry, useFactory: () => new InstanceHealthRegistry() }],
  exports: [InstanceHealthRegistry],
})
export class HealthModule {}
