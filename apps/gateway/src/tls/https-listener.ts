import { once } from 'node:events';
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HttpsHealth } from '@aigw/shared/health';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { readClientHello } from './client-hello.js';

/** A client that opens a connection and sends no ClientHello is dropped after this long. */
const HELLO_TIMEOUT_MS = 10_000;

/**
 * The HTTPS listener on HTTPS_PORT, serving the same handler as the HTTP port. On while the snapshot
 * holds at least one servable certificate, off otherwise. Each handshake takes its certificate from
 * the current snapshot by SNI, so a certificate change reaches new connections as soon as the snapshot
 * is rebuilt (on every replica, within a second), and open connections keep the one they started with.
 */
@Injectable()
export class HttpsListener implements BeforeApplicationShutdown, OnApplicationShutdown {
  private server: NetServer | null = null;
  /** Serves the requests of the TLS connections `accept` sets up. */
  private http: HttpServer | null = null;
  private handler: RequestListener | null = null;
  private port: number | null = null;
  private error: string | null = null;
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
    if (tls.size > 0 && !this.server) await this.open(tls.size);
    else if (tls.size === 0 && this.server) await this.close('no certificate left');
  }

  private async open(certificates: number): Promise<void> {
    // TLS is set up per connection (see `accept`); the HTTP side never listens itself.
    this.http = createHttpServer(this.handler!);
    const server = createNetServer((socket) => this.accept(socket));
    this.server = server;
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
    this.log.info({ port: this.port, certificates }, 'HTTPS listener on');
  }

  /**
   * Reads the ClientHello's server name first, then starts TLS with exactly that name's certificate
   * (or the default one when the client sent no name). One context per connection: a certificate of
   * another key type can never shadow the chosen one, as it can when Node adds an SNI context to a
   * server-wide certificate.
   */
  private accept(socket: Socket): void {
    let head = Buffer.alloc(0);
    const fail = () => socket.destroy();
    const timer = setTimeout(fail, HELLO_TIMEOUT_MS);
    socket.on('error', fail);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const hello = readClientHello(head);
      if (hello.kind === 'partial') return;
      socket.off('data', onData);
      socket.pause();
      clearTimeout(timer);
      const context = hello.kind === 'hello' ? this.snapshots.current.edge.tls.contextFor(hello.serverName ?? undefined) : undefined;
      if (!context || !this.http) {
        this.log.debug({ server_name: hello.kind === 'hello' ? hello.serverName : null }, 'TLS connection refused: no certificate for it, or not TLS');
        fail();
        return;
      }
      socket.unshift(head);
      const secure = new TLSSocket(socket, { isServer: true, secureContext: context });
      secure.on('error', (err) => {
        this.log.debug({ err: err.message }, 'TLS connection failed');
        secure.destroy();
      });
      this.http.emit('connection', secure);
    };
    socket.on('data', onData);
  }

  /** Stops accepting; open connections finish their requests (idle keep-alive ones are closed). */
  private close(reason: string): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    this.server = null;
    this.port = null;
    this.http?.closeIdleConnections();
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
