import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessRecord } from '../catalog/manifest.js';
import type { ProcessRepository } from '../system/process.repository.js';

export interface ReclaimResult {
  /** Processes of the old group found alive (0: nothing to reclaim). */
  found: number;
  /** Still alive after SIGTERM and SIGKILL (should be 0). */
  left: number;
}

/**
 * A host killed with SIGKILL leaves its model processes running in their own process groups. At the
 * next start each recorded group is looked up: only processes of that group that started no earlier
 * than the recorded leader, under the same boot, are ours (a reused pid or pgid is left alone). They
 * get SIGTERM, a grace period, then SIGKILL.
 */
export async function reclaimOrphanGroup(processes: ProcessRepository, record: ProcessRecord, bootId: string, graceMs: number): Promise<ReclaimResult> {
  if (record.boot_id !== bootId) return { found: 0, left: 0 };
  const ours = async () => (await processes.groupMembers(record.pgid)).filter((p) => p.startTicks >= record.start_ticks);
  const found = (await ours()).length;
  if (found === 0) return { found: 0, left: 0 };
  processes.signalGroup(record.pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while ((await ours()).length > 0 && Date.now() < deadline) await sleep(100);
  if ((await ours()).length > 0) {
    processes.signalGroup(record.pgid, 'SIGKILL');
    const hard = Date.now() + 5000;
    while ((await ours()).length > 0 && Date.now() < hard) await sleep(100);
  }
  return { found, left: (await ours()).length };
}
