import { describe, expect, it } from 'vitest';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { Gpu } from './gpu.js';
import { assignGpus } from './gpu-fit.js';

const gpu = (index: number, total: number | null, used: number | null): Gpu => ({ index, name: 'NVIDIA A100', memory_total_mb: total, memory_used_mb: used, utilization_pct: 0 });
const inventory = [gpu(0, 81920, 80000), gpu(1, 81920, 1024), gpu(2, 24576, 0)];

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof GatewayError) return { code: err.code, status: err.status, param: err.param, message: err.message };
    throw err;
  }
  throw new Error('expected an error');
};

describe('assignGpus', () => {
  it('auto: the GPU with the most free memory among those with room', () => {
    expect(assignGpus({ gpus: 'auto', gpuCount: 1, memoryMb: 20000 }, inventory)).toEqual({ gpus: [1], cudaVisibleDevices: '1' });
    expect(assignGpus({ gpus: 'auto', gpuCount: 1, memoryMb: null }, inventory)).toEqual({ gpus: [1], cudaVisibleDevices: '1' });
  });

  it('auto: memory promised to models still starting counts as used', () => {
    expect(assignGpus({ gpus: 'auto', gpuCount: 1, memoryMb: 20000 }, inventory, new Map([[1, 70000]]))).toEqual({ gpus: [2], cudaVisibleDevices: '2' });
  });

  it('auto: several GPUs, the estimate split over them, listed in index order', () => {
    expect(assignGpus({ gpus: 'auto', gpuCount: 2, memoryMb: 40000 }, inventory)).toEqual({ gpus: [1, 2], cudaVisibleDevices: '1,2' });
  });

  it('auto: refuses a model too big for every GPU, saying what is free', () => {
    expect(errorOf(() => assignGpus({ gpus: 'auto', gpuCount: 1, memoryMb: 90000 }, inventory))).toEqual({
      code: 'insufficient_gpu_memory',
      status: 409,
      param: 'settings.memory_mb',
      message: 'No GPU fits: the model needs a GPU with about 90000 MiB free; GPU 0: 1920 MiB free, GPU 1: 80896 MiB free, GPU 2: 24576 MiB free',
    });
    expect(errorOf(() => assignGpus({ gpus: 'auto', gpuCount: 3, memoryMb: 60000 }, inventory)).message).toMatch(/needs 3 GPUs with about 20000 MiB free each/);
  });

  it('auto on a CPU-only host: no GPU, CUDA_VISIBLE_DEVICES left unset', () => {
    expect(assignGpus({ gpus: 'auto', gpuCount: 1, memoryMb: 20000 }, [])).toEqual({ gpus: [], cudaVisibleDevices: null });
  });

  it('a GPU reporting [N/A] memory fits only a model without an estimate', () => {
    const unknown = [gpu(0, null, null)];
    expect(assignGpus({ gpus: 'auto', gpuCount: 1, memoryMb: null }, unknown)).toEqual({ gpus: [0], cudaVisibleDevices: '0' });
    expect(errorOf(() => assignGpus({ gpus: 'auto', gpuCount: 1, memoryMb: 1 }, unknown)).code).toBe('insufficient_gpu_memory');
  });

  it('explicit: the listed GPUs, deduplicated; [] hides every GPU', () => {
    expect(assignGpus({ gpus: [2, 0, 2], gpuCount: 1, memoryMb: null }, inventory)).toEqual({ gpus: [2, 0], cudaVisibleDevices: '2,0' });
    expect(assignGpus({ gpus: [], gpuCount: 1, memoryMb: 5 }, [])).toEqual({ gpus: [], cudaVisibleDevices: '' });
  });

  it('explicit: refuses a GPU id that does not exist', () => {
    expect(errorOf(() => assignGpus({ gpus: [1, 5], gpuCount: 1, memoryMb: null }, inventory))).toEqual({
      code: 'gpu_not_found',
      status: 400,
      param: 'settings.gpus',
      message: 'GPU 5 does not exist on this host: it has 0, 1, 2',
    });
    expect(errorOf(() => assignGpus({ gpus: [0], gpuCount: 1, memoryMb: null }, [])).message).toMatch(/CPU-only/);
  });

  it('explicit: refuses a listed GPU without room for its share', () => {
    expect(errorOf(() => assignGpus({ gpus: [0, 1], gpuCount: 1, memoryMb: 10000 }, inventory))).toMatchObject({
      code: 'insufficient_gpu_memory',
      message: 'The model needs about 5000 MiB on each GPU; GPU 0: 1920 MiB free',
    });
  });
});
