import { describe, expect, it } from 'vitest';
import { startGateway } from '@aigw/testkit/gateway-process';

describe('shutdown', () => {
  it('exits promptly on SIGTERM even when nothing reads its log any more (a broken stdout pipe)', async () => {
    const gateway = await startGateway({ storage: 'postgres' });
    try {
      // the log collector goes away: every later write to stdout or stderr fails with EPIPE
      gateway.child.stdout!.destroy();
      gateway.child.stderr!.destroy();
      // stop() sends SIGTERM and, if the process is still there after 15 s, SIGKILL (no exit code then)
      expect(await gateway.stop()).toBe(0);
    } finally {
      await gateway.cleanup();
    }
  });
});
