import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';

/** Linux's USER_HZ and page size: what /proc/<pid>/stat counts in. */
const CLOCK_TICKS_PER_S = 100;

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A model process started by the host: the leader of its own process group (pgid = pid). */
export interface SpawnedProcess {
  pid: number;
  stdout: Readable;
  stderr: Readable;
  exited: Promise<ProcessExit>;
}

export interface ProcInfo {
  pid: number;
  pgid: number;
  /** Clock ticks after boot when the process started: with the boot id, what tells a pid reused since. */
  startTicks: number;
  /** utime + stime, clock ticks. */
  cpuTicks: number;
  rssBytes: number;
  /** 'Z' zombie, 'R', 'S', ... */
  state: string;
}

/** /proc/<pid>/stat: the command name in parentheses may hold spaces and parentheses, so fields count from the last ')'. */
export function parseProcStat(text: string): Omit<ProcInfo, 'rssBytes'> & { rssPages: number } {
  const close = text.lastIndexOf(')');
  const pid = Number(text.slice(0, text.indexOf(' ')));
  const fields = text.slice(close + 2).trim().split(/\s+/);
  // fields[0] is field 3 (state) of proc(5)
  const at = (field: number) => Number(fields[field - 3]);
  return { pid, state: fields[0] ?? '?', pgid: at(5), cpuTicks: at(14) + at(15), startTicks: at(22), rssPages: at(24) };
}

/** Child processes, signals and /proc: the only code that touches them (ARCHITECTURE.md, model-host). */
@Injectable()
export class ProcessRepository {
  readonly clockTicksPerSecond = CLOCK_TICKS_PER_S;

  /**
   * Starts argv without a shell, in a new session and process group (detached), stdin closed,
   * stdout and stderr piped. Resolves once the process exists; rejects when it cannot start (ENOENT, EACCES).
   */
  spawn(argv: readonly string[], options: { env: Record<string, string>; cwd: string }): Promise<SpawnedProcess> {
    const [command, ...args] = argv;
    if (!command) return Promise.reject(new Error('empty command line'));
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      const exited = new Promise<ProcessExit>((done) => child.once('exit', (code, signal) => done({ code, signal })));
      child.once('error', (err) => {
        if (child.pid === undefined) reject(err);
      });
      child.once('spawn', () => resolve({ pid: child.pid!, stdout: child.stdout!, stderr: child.stderr!, exited }));
    });
  }

  /** Sends a signal to every process of the group; false when the group is gone. */
  signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
    if (!Number.isInteger(pgid) || pgid <= 1) return false;
    try {
      process.kill(-pgid, signal);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
      throw err;
    }
  }

  /** Does any process of the group still exist (zombies count until reaped)? */
  groupAlive(pgid: number): boolean {
    if (!Number.isInteger(pgid) || pgid <= 1) return false;
    try {
      process.kill(-pgid, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  }

  async procInfo(pid: number): Promise<ProcInfo | undefined> {
    try {
      const parsed = parseProcStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
      return { pid: parsed.pid, pgid: parsed.pgid, startTicks: parsed.startTicks, cpuTicks: parsed.cpuTicks, rssBytes: parsed.rssPages * 4096, state: parsed.state };
    } catch {
      return undefined;
    }
  }

  /** Every live (not zombie) process whose process group is `pgid`. */
  async groupMembers(pgid: number): Promise<ProcInfo[]> {
    let names: string[];
    try {
      names = await readdir('/proc');
    } catch {
      return [];
    }
    const infos = await Promise.all(names.filter((n) => /^\d+$/.test(n)).map((n) => this.procInfo(Number(n))));
    return infos.filter((i): i is ProcInfo => i !== undefined && i.pgid === pgid && i.state !== 'Z' && i.state !== 'X');
  }

  /** Changes at every boot: a pid recorded under another boot id means nothing any more. */
  async bootId(): Promise<string> {
    try {
      return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();
    } catch {
      return 'unknown';
    }
  }
}
