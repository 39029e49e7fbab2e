import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { KeysModule } from '../keys/keys.module.js';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { LimiterService } from '../limits/limiter.service.js';
import { UsageModule } from '../usage/usage.module.js';
import { Forwarder } from './forwarder.js';
import { HealthProber } from './health-prober.js';
import { RelayMetrics } from './relay-metrics.js';
import { RelayService } from './relay.service.js';
import { UpstreamPools } from './upstream-pools.js';

@Module({
  imports: [SnapshotModule, HealthModule, KeysModule, UsageModule],
  providers: [RelayService, RelayMetrics, Forwarder, UpstreamPools, HealthProber, LimiterService],
  exports: [RelayService],
})
export class RelayModule {}
