import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuthModule } from './auth/auth.module.js';
import { LoggerModule } from '@aigw/server-kit/logger.module';
import { ConfigModule } from './config/config.module.js';
import type { HostConfig } from './config/config.schema.js';
import { GpusModule } from './gpus/gpus.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { SystemModule } from './system/system.module.js';
import { ApiModule } from './api/api.module.js';
import { ProxyModule } from './proxy/proxy.module.js';

@Module({})
export class AppModule {
  static forRoot(config: HostConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), LoggerModule.forRoot(logger), SystemModule, AuthModule, MetricsModule, HealthModule, GpusModule, ApiModule, ProxyModule],
    };
  }
}
