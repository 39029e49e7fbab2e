import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { Gpu } from './gpu.js';

export interface GpuRequest {
  gpus: readonly number[] | 'auto';
  gpuCount: number;
  /** Estimated memory for the whole model, MiB; null: unknown (any GPU fits). */
  memoryMb: number | null;
}

export interface GpuAssignment {
  gpus: number[];
  /** null: leave CUDA_VISIBLE_DEVICES unset (CPU-only host); '' hides every GPU. */
  cudaVisibleDevices: string | null;
}

const freeMb = (gpu: Gpu, reservedMb: ReadonlyMap<number, number>): number | null =>
  gpu.memory_total_mb === null || gpu.memory_used_mb === null ? null : gpu.memory_total_mb - gpu.memory_used_mb - (reservedMb.get(gpu.index) ?? 0);

const describe = (gpus: readonly Gpu[], reservedMb: ReadonlyMap<number, number>) =>
  gpus.map((g) => `GPU ${g.index}: ${freeMb(g, reservedMb) ?? 'unknown'} MiB free`).join(', ');

/**
 * Which GPUs a model gets. Explicit ids must exist (and have room for the estimate); "auto" takes the
 * `gpuCount` GPUs with the most free memory among those with room. A CPU-only host (no inventory)
 * runs "auto" with CUDA_VISIBLE_DEVICES unset; an explicit [] hides every GPU (''). `reservedMb`
 * counts memory promised to models still starting, which nvidia-smi does not show yet.
 */
export function assignGpus(request: GpuRequest, inventory: readonly Gpu[], reservedMb: ReadonlyMap<number, number> = new Map()): GpuAssignment {
  if (request.gpus !== 'auto') {
    const wanted = [...new Set(request.gpus)];
    if (wanted.length === 0) return { gpus: [], cudaVisibleDevices: '' };
    const missing = wanted.filter((i) => !inventory.some((g) => g.index === i));
    if (missing.length) {
      const have = inventory.length ? `it has ${inventory.map((g) => g.index).join(', ')}` : 'it has no GPUs (CPU-only mode); use "auto" or []';
      throw new GatewayError('gpu_not_found', `GPU ${missing.join(', ')} does not exist on this host: ${have}`, { param: 'settings.gpus' });
    }
    if (request.memoryMb !== null) {
      const per = request.memoryMb / wanted.length;
      const chosen = wanted.map((i) => inventory.find((g) => g.index === i)!);
      const short = chosen.filter((g) => (freeMb(g, reservedMb) ?? Infinity) < per);
      if (short.length) {
        throw new GatewayError('insufficient_gpu_memory', `The model needs about ${Math.ceil(per)} MiB on each GPU; ${describe(short, reservedMb)}`, { param: 'settings.gpus' });
      }
    }
    return { gpus: wanted, cudaVisibleDevices: wanted.join(',') };
  }
  if (inventory.length === 0) return { gpus: [], cudaVisibleDevices: null };
  const per = request.memoryMb === null ? 0 : request.memoryMb / request.gpuCount;
  const fitting = inventory
    .filter((g) => {
      const free = freeMb(g, reservedMb);
      return free === null ? per === 0 : free >= per;
    })
    .sort((a, b) => (freeMb(b, reservedMb) ?? 0) - (freeMb(a, reservedMb) ?? 0) || a.index - b.index);
  if (fitting.length < request.gpuCount) {
    const need = request.gpuCount > 1 ? `${request.gpuCount} GPUs with about ${Math.ceil(per)} MiB free each` : `a GPU with about ${Math.ceil(per)} MiB free`;
    throw new GatewayError('insufficient_gpu_memory', `No GPU fits: the model needs ${need}; ${describe(inventory, reservedMb)}`, { param: 'settings.memory_mb' });
  }
  const gpus = fitting
    .slice(0, request.gpuCount)
    .map((g) => g.index)
    .sort((a, b) => a - b);
  return { gpus, cudaVisibleDevices: gpus.join(',') };
}
