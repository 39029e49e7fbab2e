import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { LOGGER } from '@aigw/server-kit/logger.module';
import type { LocalModelLogLine } from '@aigw/shared/admin/local-models';
import { invalidModelState } from '../catalog/catalog.errors.js';
import { CatalogService } from '../catalog/catalog.service.js';
import type { ModelManifest } from '../catalog/manifest.js';
import { HOST_CONFIG } from '../config/config.module.js';
import type { HostConfig } from '../config/config.schema.js';
import { assignGpus } from '../gpus/gpu-fit.js';
import { GpusService } from '../gpus/gpus.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { buildLaunch, LaunchError } from '../runtimes/presets.js';
import { LogFileRepository } from '../system/log-file.repository.js';
import { PortsRepository } from '../system/ports.repository.js';
import { ProcessRepository } from '../system/process.repository.js';
import { StorageRepository } from '../system/storage.repository.js';
import { parseLogLines, RotatingLog } from './log-buffer.js';
import { ModelRunner, type PreparedLaunch } from './model-runner.js';
import { reclaimOrphanGroup } from './orphan-reclaimer.js';

/** At host shutdown every child gets at most this long after SIGTERM (the host itself has 10 s). */
const SHUTDOWN_GRACE_MS = 6000;
const LOG_PREFILL_BYTES = 256 * 1024;

export interface ProcessStats {
  cpu_pct: number | null;
  rss_mb: number | null;
  gpu_memory_mb: number | null;
}

/**
 * Starts, stops and watches model processes: one ModelRunner per model. Picks the port and the
 * GPUs before each start (so bad settings answer 4xx at once), reclaims the process groups a killed
 * host left behind, starts auto_start models at boot and stops every child at shutdown.
 */
@Injectable()
export class SupervisorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runners = new Map<string, ModelRunner>();
  private readonly portsInUse = new Map<number, string>();
  private bootId = 'unknown';

  constructor(
    @Inject(HOST_CONFIG) private readonly config: HostConfig,
    private readonly catalog: CatalogService,
    private readonly gpus: GpusService,
    private readonly processes: ProcessRepository,
    private readonly ports: PortsRepository,
    private readonly storage: StorageRepository,
    private readonly logFiles: LogFileRepository,
    private readonly metrics: MetricsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.bootId = await this.processes.bootId();
    for (const model of this.catalog.list()) await this.runnerFor(model.id);
    await Promise.all(this.catalog.list().map((m) => this.reclaim(m)));
    for (const model of this.catalog.list()) {
      if (!model.settings.auto_start || !model.ready) continue;
      try {
        await this.start(model.id);
        this.logger.info({ model: model.id }, 'auto_start: starting');
      } catch (err) {
        this.logger.error({ model: model.id, err: (err as Error).message }, 'auto_start: cannot start');
        const runner = await this.runnerFor(model.id);
        runner.hostLog(`auto_start failed: ${(err as Error).message}`);
        await this.catalog.update(model.id, () => ({ last_error: `auto_start failed: ${(err as Error).message}` }));
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    const running = [...this.runners.values()].filter((r) => r.state !== 'stopped' && r.state !== 'failed');
    if (running.length) this.logger.info({ models: running.map((r) => r.id) }, 'stopping every model process');
    await Promise.all(running.map((r) => r.stop()));
    for (const r of this.runners.values()) r.closeLog();
  }

  /** The runner of a model (made on first use, its ring buffer filled from the log file). */
  async runnerFor(id: string): Promise<ModelRunner> {
    const existing = this.runners.get(id);
    if (existing) return existing;
    const model = this.catalog.get(id);
    const file = this.catalog.logFile(id);
    const runner = new ModelRunner(
      id,
      {
        processes: this.processes,
        logger: this.logger,
        bootId: this.bootId,
        backoffBaseMs: this.config.restartBackoffMs,
        stopGraceMs: this.config.stopGraceMs,
        livenessIntervalMs: this.config.livenessIntervalMs,
        openLog: () => new RotatingLog(this.logFiles.open(file), this.config.modelLogMaxBytes),
        recordProcess: async (record) => {
          if (this.catalog.has(id)) await this.catalog.update(id, () => ({ process: record }));
        },
        recordError: async (error) => {
          if (this.catalog.has(id)) await this.catalog.update(id, () => ({ last_error: error }));
        },
        releasePort: (port) => {
          if (this.portsInUse.get(port) === id) this.portsInUse.delete(port);
        },
        onRestart: () => this.metrics.modelRestarted(id),
        onStateChange: (state) => this.logger.info({ model: id, state }, 'model state'),
      },
      model.last_error,
    );
    if (this.runners.has(id)) return this.runners.get(id)!;
    this.runners.set(id, runner);
    for (const line of parseLogLines(await this.storage.readTail(file, LOG_PREFILL_BYTES)).slice(-runner.ring.capacity)) runner.ring.push(line);
    return runner;
  }

  peek(id: string): ModelRunner | undefined {
    return this.runners.get(id);
  }

  all(): ModelRunner[] {
    return [...this.runners.values()];
  }

  async start(id: string): Promise<void> {
    const model = this.catalog.get(id);
    if (!model.ready) throw invalidModelState(id, model.download?.state === 'running' || model.download?.state === 'queued' ? 'downloading' : 'not downloaded', 'start');
    const runner = await this.runnerFor(id);
    if (runner.state === 'starting' || runner.state === 'running') return;
    if (runner.state === 'stopping') throw invalidModelState(id, 'stopping', 'start');
    const prepare = () => this.prepare(id);
    const first = await prepare();
    if (runner.state !== 'stopped' && runner.state !== 'failed') {
      // another start won the race while this one prepared
      this.portsInUse.delete(first.port);
      return;
    }
    runner.start(first, prepare);
  }

  async stop(id: string): Promise<void> {
    this.catalog.get(id);
    const runner = this.runners.get(id);
    if (!runner) return;
    void runner.stop();
  }

  /** Stops and waits until the process group is gone (delete). */
  async stopAndWait(id: string): Promise<void> {
    const runner = this.runners.get(id);
    if (!runner) return;
    await runner.stop();
    runner.closeLog();
  }

  forget(id: string): void {
    this.runners.get(id)?.closeLog();
    this.runners.delete(id);
  }

  async logs(id: string, tail: number): Promise<LocalModelLogLine[]> {
    this.catalog.get(id);
    const runner = await this.runnerFor(id);
    if (tail <= runner.ring.size || runner.ring.size < runner.ring.capacity) return runner.ring.tail(tail);
    // more than the ring holds: read the files (the rotated one first)
    const file = this.catalog.logFile(id);
    const budget = Math.min(64 * 1024 * 1024, tail * 1024);
    const text = (await this.storage.readTail(`${file}.1`, budget)) + (await this.storage.readTail(file, budget));
    return parseLogLines(text).slice(-tail);
  }

  /** CPU and RSS of the model's process group (/proc), GPU memory of its processes (nvidia-smi). */
  async stats(runner: ModelRunner | undefined): Promise<ProcessStats> {
    const pid = runner?.pid ?? null;
    if (!runner) return { cpu_pct: null, rss_mb: null, gpu_memory_mb: null };
    if (pid === null) return { cpu_pct: null, rss_mb: null, gpu_memory_mb: null };
    const members = await this.processes.groupMembers(pid);
    const ticks = members.reduce((sum, p) => sum + p.cpuTicks, 0);
    const rss = members.reduce((sum, p) => sum + p.rssBytes, 0);
    const now = Date.now();
    const previous = runner.cpuSample;
    const since = previous ?? { ticks: 0, at: runner.startedAt ?? now };
    const seconds = (now - since.at) / 1000;
    const cpu = seconds > 0.05 ? ((ticks - since.ticks) / this.processes.clockTicksPerSecond / seconds) * 100 : null;
    if (!previous || now - previous.at > 1000) runner.cpuSample = { ticks, at: now };
    const gpuMemory = await this.gpus.processMemory();
    const gpu = gpuMemory ? members.reduce((sum, p) => sum + (gpuMemory.get(p.pid) ?? 0), 0) : null;
    return { cpu_pct: cpu === null ? null : Math.max(0, Math.round(cpu * 10) / 10), rss_mb: Math.round((rss / 1024 / 1024) * 10) / 10, gpu_memory_mb: gpu };
  }

  /** GPUs, a port and the command line for one start. Errors here are the caller's 4xx. */
  private async prepare(id: string): Promise<PreparedLaunch> {
    const model = this.catalog.get(id);
    const { settings } = model;
    const inventory = await this.gpus.inventory();
    const assignment = assignGpus({ gpus: settings.gpus, gpuCount: settings.gpu_count, memoryMb: settings.memory_mb }, inventory, this.reservedGpuMemory(id));
    const modelPath = this.catalog.modelPath(model);
    const modelFiles = model.runtime === 'llama-cpp' ? await this.storage.listFiles(modelPath) : [];
    await this.storage.ensureDir(modelPath);
    const port = await this.allocatePort(id);
    try {
      const launch = buildLaunch({
        runtime: model.runtime,
        settings,
        modelId: id,
        modelPath,
        servedName: servedNameOf(model),
        port,
        gpus: assignment.gpus,
        cudaVisibleDevices: assignment.cudaVisibleDevices,
        pythonBin: this.config.pythonBin,
        referenceWorker: this.config.referenceWorker,
        modelFiles,
        baseEnv: this.config.childEnv,
      });
      return {
        launch,
        port,
        ...assignment,
        readinessPath: settings.readiness_path,
        readinessTimeoutMs: settings.readiness_timeout_s * 1000,
        policy: settings.restart,
      };
    } catch (err) {
      this.portsInUse.delete(port);
      if (err instanceof LaunchError) throw new GatewayError('invalid_request', `Cannot start "${id}": ${err.message}`, { param: 'settings' });
      throw err;
    }
  }

  /** Memory promised to other models still starting on each GPU (not yet visible in nvidia-smi). */
  private reservedGpuMemory(except: string): Map<number, number> {
    const reserved = new Map<number, number>();
    for (const runner of this.runners.values()) {
      if (runner.id === except || runner.state !== 'starting') continue;
      const model = this.catalog.find(runner.id);
      const assignment = runner.assignment;
      if (!model?.settings.memory_mb || !assignment?.gpus.length) continue;
      for (const gpu of assignment.gpus) reserved.set(gpu, (reserved.get(gpu) ?? 0) + model.settings.memory_mb / assignment.gpus.length);
    }
    return reserved;
  }

  /** The first port of PORT_RANGE that no model holds and that can really be listened on. */
  private async allocatePort(id: string): Promise<number> {
    const { low, high } = this.config.portRange;
    let taken = 0;
    for (let port = low; port <= high; port++) {
      if (this.portsInUse.has(port)) continue;
      this.portsInUse.set(port, id);
      if (await this.ports.isFree(port)) return port;
      this.portsInUse.delete(port);
      taken++;
    }
    this.logger.warn({ model: id, range: `${low}-${high}`, taken_by_others: taken }, 'no free port for a model');
    throw new GatewayError('no_free_port', `No free port in PORT_RANGE ${low}-${high}: ${this.portsInUse.size} held by models, ${taken} taken by other programs`);
  }

  private async reclaim(model: ModelManifest): Promise<void> {
    const record = model.process;
    if (!record) return;
    const runner = await this.runnerFor(model.id);
    const result = await reclaimOrphanGroup(this.processes, record, this.bootId, Math.min(this.config.stopGraceMs, SHUTDOWN_GRACE_MS));
    if (result.found > 0) {
      runner.reclaimed = { pid: record.pid, pgid: record.pgid, port: record.port, processes: result.found, at: new Date().toISOString() };
      const what = `${result.found} process${result.found === 1 ? '' : 'es'} of group ${record.pgid} (port ${record.port ?? 'none'})`;
      runner.hostLog(`reclaimed an orphan left by a host that did not stop cleanly: ${what}${result.left ? `; ${result.left} would not die` : ''}`);
      this.logger.warn({ model: model.id, pid: record.pid, pgid: record.pgid, port: record.port, processes: result.found, left: result.left }, 'reclaimed orphan model processes');
      this.metrics.orphanReclaimed();
    }
    await this.catalog.update(model.id, () => ({ process: null }));
  }
}

export const servedNameOf = (model: ModelManifest) => model.settings.served_name ?? model.id;
