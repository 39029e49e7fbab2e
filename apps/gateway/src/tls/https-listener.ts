import { once } from 'node:events';
import type { RequestListener } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HttpsHealth } from '@aigw/shared/health';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import type { TlsContexts } from '../domains/edge.js';
import type { TlsMaterial } from './secure-contexts.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { TLS_PROTOCOL_OPTIONS } from './tls-options.js';

/**
 * The HTTPS listener on HTTPS_PORT, serving the same handler as the HTTP port. On while the snapshot
 * holds at least one servable certificate, off otherwise. Each handshake takes its certificate from
 * the current snapshot by SNI, so a certificate change reaches new connections as soon as the snapshot
 * is rebuilt (on every replica, within a second), and open connections keep the one they started with.
 */
@Injectable()
export class HttpsListener implements BeforeApplicationShutdown, OnApplicationShutdown {
  private server: Server | null = null;
  private handler: RequestListener | null = null;
  private port: number | null = null;
  private error: string | null = null;
  private defaultMaterial: TlsMaterial | undefined;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly snapshots: SnapshotService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** Starts following the snapshot with `handler` (the app's request dispatcher). */
  async attach(handler: RequestListener): Promise<void> {
    this.handler = handler;
    this.snapshots.onRebuilt(() => void this.sync());
    await this.sync();
  }

  /** The port clients reach for HTTPS while the listener is on (for redirects); null while off. */
  publicPort(): number | null {
    return this.port === null ? null : this.config.httpsPublicPort;
  }

  health(): HttpsHealth {
    return { enabled: this.port !== null, port: this.port, certificates: this.snapshots.current.edge.tls.size, error: this.error };
  }

  private async sync(): Promise<void> {
    if (!this.handler || this.closing) return;
    const tls = this.snapshots.current.edge.tls;
    if (tls.size > 0 && !this.server) await this.open(tls);
    else if (tls.size === 0 && this.server) this.close('no certificate left');
    else if (this.server) this.useDefault(this.server, tls);
  }

  private async open(tls: TlsContexts): Promise<void> {
    const server = createServer(
      {
        ...TLS_PROTOCOL_OPTIONS,
        SNICallback: (serverName, done) => {
          const context = this.snapshots.current.edge.tls.contextFor(serverName);
          if (context) done(null, context);
          else done(new Error(`no certificate for ${serverName}`));
        },
      },
      this.handler!,
    );
    server.on('tlsClientError', (err) => this.log.debug({ err: err.message }, 'TLS handshake failed'));
    this.server = server;
    this.useDefault(server, tls);
    try {
      server.listen({ port: this.config.httpsPort, host: this.config.host });
      await once(server, 'listening');
    } catch (err) {
      this.server = null;
      this.error = `cannot listen on ${this.config.host}:${this.config.httpsPort}: ${(err as Error).message}`;
      this.log.error(this.error);
      return;
    }
    this.port = (server.address() as AddressInfo).port;
    this.error = null;
    this.log.info({ port: this.port, certificates: tls.size }, 'HTTPS listener on');
  }

  /** Clients sending no server name get the default certificate where it is safe (see `noSniMaterial`); otherwise their handshake fails. */
  private useDefault(server: Server, tls: TlsContexts): void {
    const material = tls.noSniMaterial;
    if (material === this.defaultMaterial) return;
    this.defaultMaterial = material;
    server.setSecureContext(material ? { ...TLS_PROTOCOL_OPTIONS, cert: material.cert, key: material.key } : { ...TLS_PROTOCOL_OPTIONS });
  }

  /** Stops accepting; open connections finish their requests. */
  private close(reason: string): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    this.server = null;
    this.port = null;
    this.defaultMaterial = undefined;
    this.log.info({ reason }, 'HTTPS listener off');
    return new Promise((resolve) => server.close(() => resolve()));
  }

  beforeApplicationShutdown(): void {
    this.closing = this.close('shutting down');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.closing;
  }
}
