import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiApps, parseNvidiaSmiGpus } from './nvidia-smi.parser.js';

describe('parseNvidiaSmiGpus', () => {
  it('reads one GPU a line, as nvidia-smi prints them (csv,noheader,nounits)', () => {
    const stdout = ['0, NVIDIA A100-SXM4-80GB, 81920, 1234, 7', '1, NVIDIA A100-SXM4-80GB, 81920, 0, 0', ''].join('\n');
    expect(parseNvidiaSmiGpus(stdout)).toEqual([
      { index: 0, name: 'NVIDIA A100-SXM4-80GB', memory_total_mb: 81920, memory_used_mb: 1234, utilization_pct: 7 },
      { index: 1, name: 'NVIDIA A100-SXM4-80GB', memory_total_mb: 81920, memory_used_mb: 0, utilization_pct: 0 },
    ]);
  });

  it('reads mixed cards and names with spaces', () => {
    const stdout = '0, NVIDIA GeForce RTX 4090, 24564, 1085, 3\n1, Tesla T4, 15360, 0, 0\n2, NVIDIA H100 80GB HBM3, 81559, 79410, 100\n';
    expect(parseNvidiaSmiGpus(stdout)).toEqual([
      { index: 0, name: 'NVIDIA GeForce RTX 4090', memory_total_mb: 24564, memory_used_mb: 1085, utilization_pct: 3 },
      { index: 1, name: 'Tesla T4', memory_total_mb: 15360, memory_used_mb: 0, utilization_pct: 0 },
      { index: 2, name: 'NVIDIA H100 80GB HBM3', memory_total_mb: 81559, memory_used_mb: 79410, utilization_pct: 100 },
    ]);
  });

  it('turns [N/A] and [Not Supported] into null', () => {
    const stdout = '0, NVIDIA A100-SXM4-40GB MIG 3g.20gb, 40960, 13, [N/A]\n1, NVIDIA GH200 480GB, [Not Supported], [Not Supported], 0\n';
    expect(parseNvidiaSmiGpus(stdout)).toEqual([
      { index: 0, name: 'NVIDIA A100-SXM4-40GB MIG 3g.20gb', memory_total_mb: 40960, memory_used_mb: 13, utilization_pct: null },
      { index: 1, name: 'NVIDIA GH200 480GB', memory_total_mb: null, memory_used_mb: null, utilization_pct: 0 },
    ]);
  });

  it('accepts Windows line endings and keeps a comma inside a name', () => {
    expect(parseNvidiaSmiGpus('0, Quadro RTX 8000, rev A, 49152, 512, 12\r\n')).toEqual([
      { index: 0, name: 'Quadro RTX 8000, rev A', memory_total_mb: 49152, memory_used_mb: 512, utilization_pct: 12 },
    ]);
  });

  it('skips what is not a GPU line', () => {
    const stdout = 'No devices were found\n\nWARNING: infoROM is corrupted at gpu 0000:01:00.0\n0, NVIDIA L4, 23034, 0, 0\nindex, name, memory.total [MiB], memory.used [MiB], utilization.gpu [%]\n';
    expect(parseNvidiaSmiGpus(stdout)).toEqual([{ index: 0, name: 'NVIDIA L4', memory_total_mb: 23034, memory_used_mb: 0, utilization_pct: 0 }]);
  });

  it('returns no GPUs for empty output', () => {
    expect(parseNvidiaSmiGpus('')).toEqual([]);
  });
});

describe('parseNvidiaSmiApps', () => {
  it('reads pid, used_memory lines and sums a process over its GPUs', () => {
    expect(parseNvidiaSmiApps('12345, 20480\n777, 1000\n12345, 512\n')).toEqual(
      new Map([
        [12345, 20992],
        [777, 1000],
      ]),
    );
  });

  it('skips [N/A], headers and blank lines; empty output is no process', () => {
    expect(parseNvidiaSmiApps('pid, used_gpu_memory [MiB]\n42, [N/A]\n\r\n43, 100\r\n')).toEqual(new Map([[43, 100]]));
    expect(parseNvidiaSmiApps('')).toEqual(new Map());
  });
});
