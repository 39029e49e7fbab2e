import { execFile } from 'node:child_process';
import { Injectable } from '@nestjs/common';

/** What `nvidia-smi --query-gpu` is asked for; `parseNvidiaSmiGpus` reads the columns in this order. */
export const NVIDIA_SMI_GPU_FIELDS = ['index', 'name', 'memory.total', 'memory.used', 'utilization.gpu'] as const;
/** What `nvidia-smi --query-compute-apps` is asked for; `parseNvidiaSmiApps` reads them in this order. */
export const NVIDIA_SMI_APP_FIELDS = ['pid', 'used_memory'] as const;

const TIMEOUT_MS = 3000;

export type NvidiaSmiResult = { installed: false } | { installed: true; ok: true; stdout: string } | { installed: true; ok: false; error: string };

/** Runs `nvidia-smi` from PATH. Never throws: a missing binary, a failure and a timeout are results. */
@Injectable()
export class NvidiaSmiRepository {
  queryGpus(): Promise<NvidiaSmiResult> {
    return this.run([`--query-gpu=${NVIDIA_SMI_GPU_FIELDS.join(',')}`, '--format=csv,noheader,nounits']);
  }

  /** GPU memory per process. */
  queryComputeApps(): Promise<NvidiaSmiResult> {
    return this.run([`--query-compute-apps=${NVIDIA_SMI_APP_FIELDS.join(',')}`, '--format=csv,noheader,nounits']);
  }

  private run(args: string[]): Promise<NvidiaSmiResult> {
    return new Promise((resolve) => {
      execFile('nvidia-smi', args, { timeout: TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
        if (!err) return resolve({ installed: true, ok: true, stdout });
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        if (e.code === 'ENOENT' || e.code === 'EACCES') return resolve({ installed: false });
        const reason = e.killed ? `no answer within ${TIMEOUT_MS} ms` : (stderr.trim() || stdout.trim() || e.message).split('\n')[0]!;
        resolve({ installed: true, ok: false, error: reason });
      });
    });
  }
}
