import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { HostConfig } from './config.schema.js';

export const HOST_CONFIG = Symbol('HOST_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: HostConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: HOST_CONFIG, useValue: config }], exports: [HOST_CONFIG] };
  }
}
