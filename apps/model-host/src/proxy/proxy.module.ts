import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { SupervisorModule } from '../supervisor/supervisor.module.js';
import { ProxyService } from './proxy.service.js';

/** Its routes are registered on Fastify by app.factory (registerProxyRoutes). */
@Module({ imports: [CatalogModule, SupervisorModule], providers: [ProxyService], exports: [ProxyService] })
export class ProxyModule {}
