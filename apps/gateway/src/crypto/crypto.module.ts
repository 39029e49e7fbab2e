import { Global, Module } from '@nestjs/common';
import { RUNTIME_SECRETS } from '../config/config.module.js';
import type { RuntimeSecrets } from '../config/secrets.js';
import { SecretBox } from './secret-box.js';
import { SecretCheck } from './secret-check.js';

@Global()
@Module({
  providers: [{ provide: SecretBox, inject: [RUNTIME_SECRETS], useFactory: (s: RuntimeSecrets) => new SecretBox(s.masterKey) }, SecretCheck],
  exports: [SecretBox],
})
export class CryptoModule {}
