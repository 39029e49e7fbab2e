import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CertificatesModule } from './certificates/certificates.module.js';
import { DomainsModule } from './domains/domains.module.js';
import { LoggerModule } from '@aigw/server-kit/logger.module';
import { ConfigModule } from './config/config.module.js';
import { ConfigSyncModule } from './config-sync/config-sync.module.js';
import type { AppConfig } from './config/config.schema.js';
import type { RuntimeSecrets } from './config/secrets.js';
import { CryptoModule } from './crypto/crypto.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { KeysModule } from './keys/keys.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { RelayModule } from './relay/relay.module.js';
import { NamespacesModule } from './namespaces/namespaces.module.js';
import { ModelHostsModule } from './model-hosts/model-hosts.module.js';
import { PoliciesModule } from './policies/policies.module.js';
import { RoutesModule } from './routes/routes.module.js';
import { SourcesModule } from './sources/sources.module.js';
import { StoreModule } from './store/store.module.js';
import { TokensModule } from './tokens/tokens.module.js';
import { UsageModule } from './usage/usage.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, secrets: RuntimeSecrets, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, secrets),
        LoggerModule.forRoot(logger),
        CryptoModule,
        DatabaseModule,
        StoreModule,
        MetricsModule,
        HealthModule,
        AuthModule,
        KeysModule,
        SourcesModule,
        RoutesModule,
        NamespacesModule,
        PoliciesModule,
        ConfigSyncModule,
        RelayModule,
        TokensModule,
        UsageModule,
        MonitoringModule,
        AuditModule,
        CertificatesModule,
        DomainsModule,
        ModelHostsModule,
      ],
    };
  }
}
