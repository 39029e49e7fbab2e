import { Controller, Get } from '@nestjs/common';
import type { Gpu } from './gpu.js';
import { GpusService } from './gpus.service.js';

@Controller('api/gpus')
export class GpusController {
  constructor(private readonly gpus: GpusService) {}

  @Get()
  async list(): Promise<{ data: Gpu[] }> {
    return { data: await this.gpus.list() };
  }
}
