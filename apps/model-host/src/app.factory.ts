import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { HOST_TOKEN } from './auth/auth.module.js';
import { hostTokenHook } from './auth/host-token.hook.js';
import { AllExceptionsFilter } from '@aigw/server-kit/all-exceptions.filter';
import { NestPinoLogger } from '@aigw/server-kit/logger';
import { requestIdFor } from '@aigw/server-kit/request-id';
import type { HostConfig } from './config/config.schema.js';
import { MetricsService } from './metrics/metrics.service.js';
import { StorageRepository } from './system/storage.repository.js';
import { validationPipe } from '@aigw/server-kit/validation';
import { ProxyService } from './proxy/proxy.service.js';
import { registerProxyRoutes } from './proxy/proxy.routes.js';

/** Builds the model host ready to listen: the models directory exists and the host token is known. */
export async function createApp(config: HostConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    genReqId: requestIdFor,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    logger: new NestPinoLogger(logger),
  });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(validationPipe);
  await app.get(StorageRepository).ensureDir(config.modelsDir);

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onRequest', hostTokenHook(app.get<string>(HOST_TOKEN)));
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode);
    done();
  });
  registerProxyRoutes(fastify, app.get(ProxyService));
  await app.init();
  return app;
}
