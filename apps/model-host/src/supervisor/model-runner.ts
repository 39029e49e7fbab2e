import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { LocalModelLogLine, LogStream, ReclaimedOrphan, RestartPolicy } from '@aigw/shared/admin/local-models';
import type { ProcessRecord } from '../catalog/manifest.js';
import type { LaunchSpec } from '../runtimes/presets.js';
import type { ProcessRepository, SpawnedProcess } from '../system/process.repository.js';
import { LineSplitter, LogRingBuffer, RotatingLog } from './log-buffer.js';
import { describeExit, initialMachine, transition, type RunEffect, type RunEvent, type RunMachine, type RunState } from './state-machine.js';

/** What one start of the process needs, decided just before it (port and GPUs are picked anew at each restart). */
export interface PreparedLaunch {
  launch: LaunchSpec;
  port: number;
  gpus: number[];
  cudaVisibleDevices: string | null;
  readinessPath: string;
  readinessTimeoutMs: number;
  policy: RestartPolicy;
}

export interface RunnerDeps {
  processes: ProcessRepository;
  logger: Logger;
  bootId: string;
  backoffBaseMs: number;
  stopGraceMs: number;
  /** Between checks of a running model's readiness path (0: not checked once ready). */
  livenessIntervalMs: number;
  /** Opens the model's rotating log file (lazily, on the first line). */
  openLog: () => RotatingLog;
  /** Writes the process record into the manifest (null: no process). */
  recordProcess: (record: ProcessRecord | null) => Promise<void>;
  /** Keeps the last error in the manifest, so it outlives a host restart. */
  recordError: (error: string | null) => Promise<void>;
  /** Gives the port back to the pool. */
  releasePort: (port: number) => void;
  onStateChange?: (state: RunState) => void;
  onRestart?: () => void;
}

const PROBE_INTERVAL_MS = 250;
const PROBE_TIMEOUT_MS = 2000;
/** Failed liveness checks in a row that make a running model a hung one. */
const LIVENESS_MISSES = 3;
/** Running this long resets the count of crashes in a row. */
const STABLE_AFTER_MS = 60_000;
const RING_LINES = 2000;

interface Current {
  proc: SpawnedProcess;
  exitedAt: number | null;
  startedAt: number;
}

/** One model's process: carries out the state machine's effects (spawn, probe, stop, back off) and keeps its logs. */
export class ModelRunner {
  private machine: RunMachine = initialMachine();
  private current: Current | undefined;
  private prepared: PreparedLaunch | undefined;
  private prepare: (() => Promise<PreparedLaunch>) | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stableTimer: NodeJS.Timeout | undefined;
  private log: RotatingLog | undefined;
  private stopping: Promise<void> | undefined;
  private generation = 0;
  readonly ring = new LogRingBuffer(RING_LINES);
  nextRestartAt: number | null = null;
  readyAt: number | null = null;
  lastExit: { code: number | null; signal: string | null; at: string } | null = null;
  reclaimed: ReclaimedOrphan | null = null;
  cpuSample: { ticks: number; at: number } | undefined;

  constructor(
    readonly id: string,
    private readonly deps: RunnerDeps,
    lastError: string | null,
  ) {
    this.machine = { ...this.machine, lastError };
  }

  get state(): RunState {
    return this.machine.state;
  }
  get restarts(): number {
    return this.machine.restarts;
  }
  get lastError(): string | null {
    return this.machine.lastError;
  }
  get backingOff(): boolean {
    return this.machine.backingOff;
  }
  get pid(): number | null {
    return this.current && this.current.exitedAt === null ? this.current.proc.pid : null;
  }
  get port(): number | null {
    return this.prepared && this.machine.state !== 'stopped' && this.machine.state !== 'failed' ? this.prepared.port : null;
  }
  get startedAt(): number | null {
    return this.current && this.current.exitedAt === null ? this.current.startedAt : null;
  }
  get assignment(): { gpus: number[]; cudaVisibleDevices: string | null } | null {
    return this.prepared ? { gpus: this.prepared.gpus, cudaVisibleDevices: this.prepared.cudaVisibleDevices } : null;
  }

  /** Starts with a launch already prepared (so the caller saw its errors); later restarts call `prepare` again. */
  start(first: PreparedLaunch, prepare: () => Promise<PreparedLaunch>): void {
    this.prepared = first;
    this.prepare = prepare;
    this.apply({ type: 'start' }, first.policy);
  }

  stop(): Promise<void> {
    this.apply({ type: 'stop' });
    return this.stopping ?? Promise.resolve();
  }

  /** Writes a line of the host's own into the model's log (starts, exits, restarts, reclaims). */
  hostLog(line: string): void {
    this.writeLine('host', line);
  }

  private writeLine(stream: LogStream, line: string): void {
    const entry: LocalModelLogLine = { time: new Date().toISOString(), stream, line };
    this.ring.push(entry);
    try {
      this.log ??= this.deps.openLog();
      this.log.append(entry);
    } catch (err) {
      this.deps.logger.warn({ model: this.id, err: (err as Error).message }, 'cannot write the model log file');
    }
  }

  closeLog(): void {
    this.log?.close();
    this.log = undefined;
  }

  private apply(event: RunEvent, policy: RestartPolicy | undefined = this.prepared?.policy): void {
    const before = this.machine;
    const { machine, effects } = transition(before, event, policy ?? { policy: 'never', max_retries: 0 }, this.deps.backoffBaseMs);
    this.machine = machine;
    if (machine.state !== before.state) this.deps.onStateChange?.(machine.state);
    if (machine.restarts > before.restarts) this.deps.onRestart?.();
    if (machine.lastError !== before.lastError) void this.deps.recordError(machine.lastError).catch(() => undefined);
    for (const effect of effects) this.run(effect);
  }

  private run(effect: RunEffect): void {
    switch (effect.type) {
      case 'spawn':
        void this.spawn();
        return;
      case 'kill_group':
        this.stopping = this.killGroup();
        return;
      case 'reap_group':
        void this.reapGroup();
        return;
      case 'schedule_restart':
        this.nextRestartAt = Date.now() + effect.delayMs;
        this.hostLog(`restarting in ${(effect.delayMs / 1000).toFixed(1)} s (restart ${this.machine.restarts} of at most ${this.prepared?.policy.max_retries ?? 0})`);
        this.restartTimer = setTimeout(() => {
          this.nextRestartAt = null;
          this.apply({ type: 'restart_due' });
        }, effect.delayMs);
        return;
      case 'cancel_restart':
        clearTimeout(this.restartTimer);
        this.nextRestartAt = null;
        return;
    }
  }

  private async spawn(): Promise<void> {
    const generation = ++this.generation;
    let prepared = this.prepared!;
    if (this.machine.restarts > 0 && this.prepare) {
      try {
        prepared = await this.prepare();
        this.prepared = prepared;
      } catch (err) {
        this.hostLog(`cannot restart: ${(err as Error).message}`);
        this.apply({ type: 'spawn_failed', reason: (err as Error).message });
        return;
      }
    }
    if (generation !== this.generation || this.machine.state !== 'starting') return;
    const { launch } = prepared;
    this.hostLog(`starting on port ${prepared.port}, CUDA_VISIBLE_DEVICES=${prepared.cudaVisibleDevices ?? '(unset)'}: ${launch.argv.join(' ')}`);
    let proc: SpawnedProcess;
    try {
      proc = await this.deps.processes.spawn(launch.argv, { env: launch.env, cwd: launch.cwd });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const reason = e.code === 'ENOENT' ? `${launch.argv[0]}: command not found (or the model directory is missing)` : e.message;
      this.hostLog(`cannot start: ${reason}`);
      this.deps.releasePort(prepared.port);
      this.apply({ type: 'spawn_failed', reason });
      return;
    }
    const current: Current = { proc, exitedAt: null, startedAt: Date.now() };
    this.current = current;
    this.readyAt = null;
    this.cpuSample = undefined;
    this.pipe(proc.stdout, 'stdout');
    this.pipe(proc.stderr, 'stderr');
    const info = await this.deps.processes.procInfo(proc.pid);
    await this.deps
      .recordProcess({ pid: proc.pid, pgid: proc.pid, port: prepared.port, boot_id: this.deps.bootId, start_ticks: info?.startTicks ?? 0, started_at: new Date(current.startedAt).toISOString() })
      .catch((err: unknown) => this.deps.logger.error({ model: this.id, err }, 'cannot record the model process'));
    void proc.exited.then((exit) => {
      current.exitedAt = Date.now();
      this.lastExit = { code: exit.code, signal: exit.signal, at: new Date().toISOString() };
      clearTimeout(this.stableTimer);
      if (this.current !== current) return;
      this.hostLog(describeExit(exit.code, exit.signal));
      this.apply({ type: 'exited', code: exit.code, signal: exit.signal });
    });
    if (this.machine.state !== 'starting') {
      // stopped while spawning
      return;
    }
    void this.probe(current, prepared);
  }

  private pipe(stream: NodeJS.ReadableStream, name: LogStream): void {
    const splitter = new LineSplitter();
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const line of splitter.push(chunk)) this.writeLine(name, line);
    });
    stream.on('end', () => {
      for (const line of splitter.flush()) this.writeLine(name, line);
    });
    stream.on('error', () => undefined);
  }

  /** GET readiness_path until 2xx, the process exits, or the timeout. */
  private async probe(current: Current, prepared: PreparedLaunch): Promise<void> {
    const url = `http://127.0.0.1:${prepared.port}${prepared.readinessPath}`;
    const deadline = current.startedAt + prepared.readinessTimeoutMs;
    const live = () => this.current === current && current.exitedAt === null && this.machine.state === 'starting' && !this.machine.backingOff;
    while (live()) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok && live()) {
          this.readyAt = Date.now();
          this.hostLog(`ready after ${((this.readyAt - current.startedAt) / 1000).toFixed(1)} s (GET ${prepared.readinessPath} answered ${res.status})`);
          this.apply({ type: 'ready' });
          this.stableTimer = setTimeout(() => this.apply({ type: 'stable' }), STABLE_AFTER_MS);
          this.stableTimer.unref();
          void this.watch(current, url, prepared.readinessPath);
          return;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        if (!live()) return;
        const reason = `not ready within ${Math.round(prepared.readinessTimeoutMs / 1000)} s (GET ${prepared.readinessPath} on port ${prepared.port})`;
        this.hostLog(reason);
        this.apply({ type: 'not_ready', reason });
        return;
      }
      await sleep(PROBE_INTERVAL_MS);
    }
  }

  /**
   * Once running, the readiness path is asked again now and then: a process that is alive but no
   * longer answers (deadlocked, stopped, wedged on a GPU) is killed, and its exit restarts it per the
   * model's policy, like a crash.
   */
  private async watch(current: Current, url: string, path: string): Promise<void> {
    const interval = this.deps.livenessIntervalMs;
    if (interval <= 0) return;
    const live = () => this.current === current && current.exitedAt === null && this.machine.state === 'running';
    let misses = 0;
    while (live()) {
      await sleep(interval, undefined, { ref: false });
      if (!live()) return;
      const answered = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then(
        async (res) => {
          await res.arrayBuffer().catch(() => undefined);
          return res.ok;
        },
        () => false,
      );
      if (!live()) return;
      misses = answered ? 0 : misses + 1;
      if (misses >= LIVENESS_MISSES) {
        this.hostLog(`hung: GET ${path} failed ${misses} checks in a row; killing the process group`);
        this.deps.processes.signalGroup(current.proc.pid, 'SIGKILL');
        return;
      }
    }
  }

  /** SIGTERM to the process group, the grace period, then SIGKILL; ends with the group gone. */
  private async killGroup(): Promise<void> {
    clearTimeout(this.stableTimer);
    this.generation++;
    const current = this.current;
    if (current) {
      const pgid = current.proc.pid;
      const gone = () => current.exitedAt !== null && !this.deps.processes.groupAlive(pgid);
      if (!gone()) {
        this.hostLog('stopping: SIGTERM to the process group');
        this.deps.processes.signalGroup(pgid, 'SIGTERM');
        const deadline = Date.now() + this.deps.stopGraceMs;
        while (!gone() && Date.now() < deadline) await sleep(50);
        if (!gone()) {
          this.hostLog(`still running ${this.deps.stopGraceMs / 1000} s after SIGTERM: SIGKILL to the process group`);
          this.deps.processes.signalGroup(pgid, 'SIGKILL');
          const hard = Date.now() + 5000;
          while (!gone() && Date.now() < hard) await sleep(50);
        }
      }
      this.hostLog('stopped');
    }
    this.current = undefined;
    if (this.prepared) this.deps.releasePort(this.prepared.port);
    await this.deps.recordProcess(null).catch(() => undefined);
    this.stopping = undefined;
    this.apply({ type: 'stopped' });
  }

  /** After the leader exited by itself: whatever it left in its group is killed (workers holding GPU memory, ports). */
  private async reapGroup(): Promise<void> {
    const current = this.current;
    if (current && this.deps.processes.signalGroup(current.proc.pid, 'SIGKILL')) this.hostLog('killed what was left of the process group');
    if (this.prepared) this.deps.releasePort(this.prepared.port);
    await this.deps.recordProcess(null).catch(() => undefined);
  }
}
