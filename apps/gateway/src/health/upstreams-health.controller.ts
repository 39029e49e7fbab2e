import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { UpstreamSourceStatus, UpstreamsHealth } from '@aigw/shared/health';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { InstanceHealthRegistry } from './instance-health.registry.js';

/** Seed 000's `/health/all`: every source and instance with state, last check and latency. No URLs or secrets. */
@ApiTags('health')
@Controller('health/all')
export class UpstreamsHealthController {
  constructor(
    private readonly snapshots: SnapshotService,
    private readonly health: InstanceHealthRegistry,
  ) {}

  @Get()
  all(): UpstreamsHealth {
    const sources: UpstreamSourceStatus[] = this.snapshots.current.sources.map((source) => {
      const instances = source.instances.map((i) => {
        const view = this.health.view(i.id);
        return { id: i.id, state: i.enabled ? view.state : ('disabled' as const), last_checked_at: view.last_checked_at, latency_ms: view.latency_ms, consecutive_failures: view.consecutive_failures, in_flight: view.in_flight };
      });
      const serving = instances.filter((i) => i.state === 'healthy' || i.state === 'unknown').length;
      const enabled = instances.filter((i) => i.state !== 'disabled').length;
      return {
        id: source.id,
        name: source.name,
        provider: source.provider,
        capabilities: [...source.capabilities],
        state: serving === 0 ? 'down' : serving < enabled ? 'degraded' : 'healthy',
        instances,
      };
    });
    const down = sources.filter((s) => s.state === 'down').length;
    return { status: down === sources.length && sources.length > 0 ? 'down' : sources.some((s) => s.state !== 'healthy') ? 'degraded' : 'ok', sources };
  }
}
