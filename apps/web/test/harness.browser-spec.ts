import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDashboard } from '@aigw/testkit/dashboard';

/** The pids of this test process's children other than `ps` itself: the gateways it started and has not stopped. */
const children = () =>
  execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, command]) => pid && command !== 'ps')
    .map(([pid]) => pid!);

describe('dashboard test harness', () => {
  it('stops the gateway it started (and drops its database) when the browser cannot start', async () => {
    const before = children();
    await expect(openDashboard({ executablePath: '/nonexistent/chromium' })).rejects.toThrow(/No Chromium at \/nonexistent\/chromium/);
    expect(children().filter((pid) => !before.includes(pid))).toEqual([]);
  });
});
