import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { AdminOrApiKeyGuard } from './admin-or-api-key.guard.js';
import { warmUp } from './encodings.js';
import { TokensController } from './tokens.controller.js';
import { TokensService } from './tokens.service.js';

/**
 * Token counting. The data plane uses the pure functions (encodings, count-prompt, output-meter,
 * request-shaping, stream-chunks) directly; the module serves `POST /api/tokens/count`.
 */
@Module({
  imports: [SnapshotModule],
  controllers: [TokensController],
  providers: [TokensService, AdminOrApiKeyGuard],
  exports: [TokensService],
})
export class TokensModule implements OnApplicationBootstrap {
  /** Loading an encoding takes ~0.4 s of CPU: do it just after start-up, not on the first limited request. */
  onApplicationBootstrap(): void {
    setTimeout(() => warmUp(), 100).unref();
  }
}
