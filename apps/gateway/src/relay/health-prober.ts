import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { InstanceHealthRegistry } from '../health/instance-health.registry.js';
import { joinPath } from '../providers/common/paths.js';
import type { UpstreamInstance } from '../snapshot/routing-snapshot.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { UpstreamPools } from './upstream-pools.js';

const TICK_MS = 500;

/**
 * Active health checks: every instance whose source has a `health_check` gets a GET of its probe
 * path at its interval; the results feed the same ejection and recovery as live traffic.
 */
@Injectable()
export class HealthProber implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private readonly nextDue = new Map<string, number>();
  private readonly running = new Set<string>();

  constructor(
    private readonly snapshots: SnapshotService,
    private readonly pools: UpstreamPools,
    private readonly health: InstanceHealthRegistry,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), TICK_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = Date.now();
    for (const instance of this.snapshots.current.upstreams()) {
      if (!instance.probe || this.running.has(instance.id) || (this.nextDue.get(instance.id) ?? 0) > now) continue;
      this.nextDue.set(instance.id, now + instance.probe.intervalMs);
      this.running.add(instance.id);
      void this.probe(instance).finally(() => this.running.delete(instance.id));
    }
  }

  private async probe(instance: UpstreamInstance): Promise<void> {
    const probe = instance.probe!;
    const { target } = instance;
    const started = performance.now();
    const headers = Object.fromEntries(Object.entries(target.headers).filter(([name]) => name !== 'content-type'));
    try {
      const res = await this.pools.get(instance.origin).request({
        method: 'GET',
        path: joinPath(target.basePath, probe.path, target.search),
        headers,
        headersTimeout: probe.timeoutMs,
        bodyTimeout: probe.timeoutMs,
        signal: AbortSignal.timeout(probe.timeoutMs),
      });
      await res.body.dump();
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      this.health.recordProbe(instance.id, ok, performance.now() - started, ok ? null : `health probe answered ${res.statusCode}`, instance.policy);
    } catch (err) {
      const reason = (err as { code?: string }).code ?? (err as Error).message;
      this.health.recordProbe(instance.id, false, performance.now() - started, `health probe failed (${reason})`, instance.policy);
      this.log.debug({ instance_id: instance.id, reason }, 'health probe failed');
    }
  }
}
