import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { GatewayHealth } from '@aigw/shared/health';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness plus readiness: 200 when the database and the store answer, 503 otherwise (the body says which). */
  @Get()
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<GatewayHealth> {
    const result = await this.health.check();
    void reply.code(result.status === 'ok' ? 200 : 503);
    return result;
  }
}
