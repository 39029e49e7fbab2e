import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/public-route.decorator.js';
import { HealthService, type ModelHostHealth } from './health.service.js';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness and readiness; the one call that needs no host token. */
  @Get()
  @Public()
  check(): Promise<ModelHostHealth> {
    return this.health.check();
  }
}
