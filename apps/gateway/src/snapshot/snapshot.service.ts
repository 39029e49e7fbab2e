import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { SecretBox } from '../crypto/secret-box.js';
import { ApiKeyEntity } from '../keys/api-key.entity.js';
import { NamespaceEntity } from '../namespaces/namespace.entity.js';
import { PolicyEntity } from '../policies/policy.entity.js';
import { RouteEntity } from '../routes/route.entity.js';
import { SourceInstanceEntity } from '../sources/source-instance.entity.js';
import { SourceEntity } from '../sources/source.entity.js';
import { hostedRows } from '../model-hosts/hosted-routing.js';
import { ModelHostEntity } from '../model-hosts/model-host.entity.js';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value-store.js';
import { CertificateEntity } from '../certificates/certificate.entity.js';
import { DomainEntity } from '../domains/domain.entity.js';
import { SecureContextCache } from '../tls/secure-contexts.js';
import { buildSnapshot } from './build-snapshot.js';
import { RoutingSnapshot } from './routing-snapshot.js';

const CHANNEL = 'config-changed';
/** A safety net for a change message lost while the store was away. */
const RESYNC_MS = 30_000;

/**
 * Owns the routing snapshot: builds it at start, rebuilds it when this replica changes something
 * (before the admin call returns) and when another replica says so through the store's pub/sub.
 */
@Injectable()
export class SnapshotService implements OnApplicationBootstrap, OnApplicationShutdown {
  private snapshot = RoutingSnapshot.empty();
  private readonly replicaId = randomUUID();
  private rebuilding: Promise<void> | null = null;
  private rebuildAgain = false;
  private resync: NodeJS.Timeout | undefined;
  private readonly tlsContexts: SecureContextCache;
  private readonly listeners = new Set<(snapshot: RoutingSnapshot) => void>();

  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {
    this.tlsContexts = new SecureContextCache(secrets);
  }

  get current(): RoutingSnapshot {
    return this.snapshot;
  }

  /** Called after every rebuild on this replica (e.g. the HTTPS listener's default certificate). */
  onRebuilt(listener: (snapshot: RoutingSnapshot) => void): void {
    this.listeners.add(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    await this.store
      .subscribe(CHANNEL, (origin) => {
        if (origin !== this.replicaId) void this.refresh().catch((err) => this.log.error({ err }, 'snapshot rebuild failed'));
      })
      .catch((err) => this.log.error({ err: (err as Error).message }, 'could not subscribe to config changes; relying on periodic resync'));
    this.resync = setInterval(() => void this.refresh().catch((err) => this.log.error({ err }, 'snapshot resync failed')), RESYNC_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.resync);
  }

  /** Called by admin services after a committed change: rebuild here, then tell the other replicas. */
  async changed(): Promise<void> {
    await this.refresh();
    await this.store.publish(CHANNEL, this.replicaId).catch((err) => {
      this.log.warn({ err: (err as Error).message }, 'could not announce a config change; other replicas pick it up at the next resync');
    });
  }

  /** Rebuilds; calls during a rebuild coalesce into one more rebuild after it. */
  refresh(): Promise<void> {
    if (this.rebuilding) {
      this.rebuildAgain = true;
      return this.rebuilding;
    }
    this.rebuilding = (async () => {
      try {
        do {
          this.rebuildAgain = false;
          this.snapshot = await this.build();
          for (const listener of this.listeners) {
            try {
              listener(this.snapshot);
            } catch (err) {
              this.log.error({ err }, 'snapshot listener failed');
            }
          }
        } while (this.rebuildAgain);
      } finally {
        this.rebuilding = null;
      }
    })();
    return this.rebuilding;
  }

  private async build(): Promise<RoutingSnapshot> {
    // One connection and one view of the database: every table as of the same moment (a change
    // committed halfway through cannot give a route without its new source), and no burst of
    // fresh connections every resync (parallel reads would each take one from the pool).
    const { keys, sources, instances, routes, namespaces, policies, hosts, domains, certificates } = await this.db.transaction('REPEATABLE READ', async (m) => ({
      keys: await m.find(ApiKeyEntity),
      sources: await m.find(SourceEntity),
      instances: await m.find(SourceInstanceEntity),
      routes: await m.find(RouteEntity),
      namespaces: await m.find(NamespaceEntity),
      policies: await m.find(PolicyEntity),
      hosts: await m.find(ModelHostEntity),
      domains: await m.find(DomainEntity),
      certificates: await m.find(CertificateEntity),
    }));
    const hosted = hostedRows(hosts, this.secrets, (hostId, reason) => this.log.error({ model_host_id: hostId }, `model host left out of routing: ${reason}`));
    const snapshot = buildSnapshot(
      {
        keys,
        sources: [...sources, ...hosted.sources],
        instances: [...instances, ...hosted.instances],
        routes: [...routes, ...hosted.routes],
        namespaces,
        policies,
        domains,
        certificates,
      },
      {
        secrets: this.secrets,
        defaultTimeoutMs: this.config.upstreamTimeoutMs,
        onSkippedInstance: (instanceId, reason) => this.log.error({ instance_id: instanceId }, `upstream instance left out of routing: ${reason}`),
        tls: {
          material: (cert) => this.tlsContexts.materialFor(cert),
          onSkippedCertificate: (certificateId, reason) => this.log.error({ certificate_id: certificateId }, `certificate left out of TLS: ${reason}`),
        },
      },
    );
    this.tlsContexts.sweep();
    return snapshot;
  }
}
