import type { Gpu } from './gpu.js';

const number = (field: string): number | null => {
  // nounits output: "81920"; unsupported values: "[N/A]", "[Not Supported]", "N/A"
  if (!/^\d+(\.\d+)?$/.test(field)) return null;
  return Number(field);
};

/**
 * Parses `nvidia-smi --query-gpu=index,name,memory.total,memory.used,utilization.gpu
 * --format=csv,noheader,nounits`, one GPU a line: `0, NVIDIA A100-SXM4-80GB, 81920, 1234, 7`.
 * A name may itself hold a comma, so the first field is the index, the last three are numbers and
 * everything between is the name. Lines that are not a GPU (warnings, blank lines) are skipped.
 */
export function parseNvidiaSmiGpus(stdout: string): Gpu[] {
  const gpus: Gpu[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length < 5) continue;
    const [indexField, ...rest] = fields;
    if (!/^\d+$/.test(indexField ?? '')) continue;
    const [total, used, utilization] = rest.slice(-3) as [string, string, string];
    const name = rest.slice(0, -3).join(', ');
    if (!name) continue;
    gpus.push({
      index: Number(indexField),
      name,
      memory_total_mb: number(total),
      memory_used_mb: number(used),
      utilization_pct: number(utilization),
    });
  }
  return gpus;
}

/**
 * Parses `nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader,nounits`, one process a
 * line: `12345, 20480`. A process on several GPUs appears once per GPU: its memory is summed.
 */
export function parseNvidiaSmiApps(stdout: string): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const line of stdout.split(/\r?\n/)) {
    const [pid, used] = line.split(',').map((f) => f.trim());
    if (!pid || !/^\d+$/.test(pid) || !used || !/^\d+(\.\d+)?$/.test(used)) continue;
    byPid.set(Number(pid), (byPid.get(Number(pid)) ?? 0) + Number(used));
  }
  return byPid;
}
