/** One GPU of `GET /api/gpus` (ADMIN-API.md, "Local models"). A value nvidia-smi reports as [N/A] is null. */
export interface Gpu {
  index: number;
  name: string;
  memory_total_mb: number | null;
  memory_used_mb: number | null;
  utilization_pct: number | null;
}

export type GpuMode = 'cpu-only' | 'nvidia';
