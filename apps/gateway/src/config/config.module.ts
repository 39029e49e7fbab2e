import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config.schema.js';
import { EnvironmentReader, processEnvironmentReader } from './environment-reader.js';
import type { RuntimeSecrets } from './secrets.js';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const RUNTIME_SECRETS = Symbol('RUNTIME_SECRETS');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, secrets: RuntimeSecrets): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: RUNTIME_SECRETS, useValue: secrets },
        { provide: EnvironmentReader, useFactory: processEnvironmentReader },
      ],
      exports: [APP_CONFIG, RUNTIME_SECRETS, EnvironmentReader],
    };
  }
}
