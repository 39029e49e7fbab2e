import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyBaseLogger } from 'fastify';
import type { Bindings, Logger } from 'pino';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from '@aigw/server-kit/all-exceptions.filter';
import { NestPinoLogger } from '@aigw/server-kit/logger';
import { LazyChildLogger } from '@aigw/server-kit/lazy-child-logger';
import { requestIdFor } from '@aigw/server-kit/request-id';
import { validationPipe } from '@aigw/server-kit/validation';
import type { AppConfig } from './config/config.schema.js';
import type { RuntimeSecrets } from './config/secrets.js';
import { registerRouteHooks } from './common/route-hooks.js';
import { setupApiDocs } from './docs/api-docs.js';
import { MetricsService } from './metrics/metrics.service.js';
import { DataPlaneServer } from './relay/data-plane-server.js';
import { registerRelayRoutes } from './relay/relay.routes.js';
import { RelayService } from './relay/relay.service.js';
import { SnapshotService } from './snapshot/snapshot.service.js';
import { applyEdgeRules } from './domains/edge-rules.js';
import { HttpsListener } from './tls/https-listener.js';
import { registerWebApp } from './web/web-app.js';

/** Builds the whole gateway (admin API, data plane, web app) ready to listen. */
export async function createApp(config: AppConfig, secrets: RuntimeSecrets, logger: Logger): Promise<NestFastifyApplication> {
  const common = {
    loggerInstance: logger,
    // Per-request access logs stay off the hot path; errors are logged where they happen.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    genReqId: requestIdFor,
    childLoggerFactory: (parent: FastifyBaseLogger, bindings: Bindings) => new LazyChildLogger(parent as Logger, bindings) as unknown as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
  };
  const dataPlane = new DataPlaneServer(common);
  const adapter = new FastifyAdapter({
    ...common,
    serverFactory: dataPlane.serverFactory,
    // No Nest middleware here: without middie, requests skip its hook.
    skipMiddie: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, secrets, logger), adapter, {
    logger: new NestPinoLogger(logger),
  });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(validationPipe);
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: false, maxAge: 600 });

  const metrics = app.get(MetricsService);
  const admin = app.getHttpAdapter().getInstance();
  registerRouteHooks(admin, metrics);
  registerRouteHooks(dataPlane.app, metrics);
  registerRelayRoutes(dataPlane.app, app.get(RelayService), config.bodyLimit);
  setupApiDocs(app);
  const web = await registerWebApp(admin, config.webDir);
  if (web === 'missing') logger.warn({ web_dir: config.webDir }, 'web app not found; serving the API only');
  await app.init();
  const snapshots = app.get(SnapshotService);
  const https = app.get(HttpsListener);
  const edge = { strictHosts: config.strictHosts, trustProxy: config.trustProxy, httpsPort: () => https.publicPort() };
  await dataPlane.start(() => snapshots.current, (req, res, snapshot, isDataPlane) => applyEdgeRules(req, res, snapshot.edge, isDataPlane, edge));
  await https.attach(dataPlane.handle);
  return app;
}
