import { describe, expect, it } from 'vitest';
import { parseProcStat } from './process.repository.js';

describe('parseProcStat', () => {
  it('reads the fields after a command name holding spaces and parentheses', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime vsize rss
    const stat = '4242 (python3 (worker) x) S 1 4242 4242 0 -1 4194560 2000 0 0 0 150 50 0 0 20 0 3 0 987654 123456789 2560 18446744073709551615';
    expect(parseProcStat(stat)).toEqual({ pid: 4242, state: 'S', pgid: 4242, cpuTicks: 200, startTicks: 987654, rssPages: 2560 });
  });
});
