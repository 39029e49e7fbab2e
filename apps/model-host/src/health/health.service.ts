import { Inject, Injectable } from '@nestjs/common';
import { HOST_CONFIG } from '../config/config.module.js';
import type { HostConfig } from '../config/config.schema.js';
import { MODEL_HOST_VERSION } from '../config/version.js';
import type { GpuMode } from '../gpus/gpu.js';
import { GpusService } from '../gpus/gpus.service.js';

/** `GET /health` of a model host. */
export interface ModelHostHealth {
  status: 'ok';
  version: string;
  uptime_s: number;
  gpu_mode: GpuMode;
  models_dir: string;
}

const startedAt = Date.now();

@Injectable()
export class HealthService {
  constructor(
    @Inject(HOST_CONFIG) private readonly config: HostConfig,
    private readonly gpus: GpusService,
  ) {}

  async check(): Promise<ModelHostHealth> {
    return {
      status: 'ok',
      version: MODEL_HOST_VERSION,
      uptime_s: Math.round((Date.now() - startedAt) / 1000),
      gpu_mode: await this.gpus.gpuMode(),
      models_dir: this.config.modelsDir,
    };
  }
}
