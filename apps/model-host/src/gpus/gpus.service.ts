import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { NvidiaSmiRepository } from '../system/nvidia-smi.repository.js';
import type { Gpu, GpuMode } from './gpu.js';
import { parseNvidiaSmiApps, parseNvidiaSmiGpus } from './nvidia-smi.parser.js';

/** How long a GPU-mode answer is reused, so /health probes do not spawn nvidia-smi each time. */
const MODE_TTL_MS = 30_000;
/** How long per-process GPU memory is reused, so a page polling status does not spawn nvidia-smi each time. */
const APPS_TTL_MS = 2000;

/** The GPU inventory, read from nvidia-smi. No nvidia-smi on PATH: a CPU-only host with no GPUs. */
@Injectable()
export class GpusService {
  private mode: { value: GpuMode; at: number } | undefined;
  private lastFailure: string | undefined;
  private apps: { value: Promise<Map<number, number> | null>; at: number } | undefined;

  constructor(
    private readonly nvidiaSmi: NvidiaSmiRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async gpuMode(): Promise<GpuMode> {
    if (this.mode && Date.now() - this.mode.at < MODE_TTL_MS) return this.mode.value;
    const result = await this.nvidiaSmi.queryGpus();
    return this.remember(result.installed && result.ok ? 'nvidia' : 'cpu-only', result.installed && !result.ok ? result.error : undefined);
  }

  async list(): Promise<Gpu[]> {
    const result = await this.nvidiaSmi.queryGpus();
    if (!result.installed) {
      this.remember('cpu-only', undefined);
      return [];
    }
    if (!result.ok) {
      this.remember('cpu-only', result.error);
      throw new GatewayError('service_unavailable', `nvidia-smi failed: ${result.error}`);
    }
    this.remember('nvidia', undefined);
    return parseNvidiaSmiGpus(result.stdout);
  }

  /** The GPUs a model may be placed on: none on a CPU-only host, or when nvidia-smi fails (then: CPU-only). */
  async inventory(): Promise<Gpu[]> {
    const result = await this.nvidiaSmi.queryGpus();
    if (!result.installed) {
      this.remember('cpu-only', undefined);
      return [];
    }
    if (!result.ok) {
      this.remember('cpu-only', result.error);
      return [];
    }
    this.remember('nvidia', undefined);
    return parseNvidiaSmiGpus(result.stdout);
  }

  /** GPU memory (MiB) per pid, from `--query-compute-apps`; null without a working nvidia-smi. */
  processMemory(): Promise<Map<number, number> | null> {
    if (this.apps && Date.now() - this.apps.at < APPS_TTL_MS) return this.apps.value;
    const value = this.nvidiaSmi.queryComputeApps().then((r) => (r.installed && r.ok ? parseNvidiaSmiApps(r.stdout) : null));
    this.apps = { value, at: Date.now() };
    return value;
  }

  private remember(value: GpuMode, failure: string | undefined): GpuMode {
    this.mode = { value, at: Date.now() };
    // nvidia-smi present but failing (driver not loaded, GPU lost) is worth one log line, not one per probe.
    if (failure && failure !== this.lastFailure) this.logger.warn({ error: failure }, 'nvidia-smi is installed but failed; reporting cpu-only');
    this.lastFailure = failure;
    return value;
  }
}
