import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { LOGGER } from '@aigw/server-kit/logger.module';
import type { DownloadEventName, DownloadFileProgress, DownloadProgress, DownloadState, ModelSource } from '@aigw/shared/admin/local-models';
import { CatalogService } from '../catalog/catalog.service.js';
import type { ModelManifest, PlannedFile } from '../catalog/manifest.js';
import { HOST_CONFIG } from '../config/config.module.js';
import type { HostConfig } from '../config/config.schema.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { StorageRepository } from '../system/storage.repository.js';
import { HttpClient } from './http-client.js';
import { listHubFiles, planUrlFile, type DownloadPlan } from './hub-listing.js';
import { RateMeter, Semaphore, summarize } from './progress.js';
import { partialPath, transferFile, type TransferDeps } from './transfer.js';

export interface DownloadEvent {
  name: DownloadEventName;
  data: DownloadProgress;
}
type Listener = (event: DownloadEvent) => void;

class Cancelled extends Error {
  constructor() {
    super('download cancelled');
  }
}
class ShuttingDown extends Error {
  constructor() {
    super('model host shutting down');
  }
}

interface Job {
  id: string;
  plan: PlannedFile[];
  files: DownloadFileProgress[];
  state: DownloadState;
  error: string | null;
  revision: string | null;
  startedAt: string;
  finishedAt: string | null;
  controller: AbortController;
  rate: RateMeter;
  flush: NodeJS.Timeout | undefined;
  settled: Promise<void>;
}

const PROGRESS_EVERY_MS = 250;
const LISTING_TIMEOUT_MS = 30_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Downloads a model's files (hub or URL) into its directory: at most MAX_CONCURRENT_DOWNLOADS files at
 * once across models, resumable, checked, cancellable. Progress is kept per file, pushed to SSE
 * listeners, and the plan is in the manifest so a download interrupted by a host restart resumes.
 */
@Injectable()
export class DownloadsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly jobs = new Map<string, Job>();
  /** The last finished download of each model, with its per-file detail (attempts, errors), while the host runs. */
  private readonly finished = new Map<string, DownloadProgress>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly slots: Semaphore;

  constructor(
    @Inject(HOST_CONFIG) private readonly config: HostConfig,
    private readonly catalog: CatalogService,
    private readonly storage: StorageRepository,
    private readonly http: HttpClient,
    private readonly metrics: MetricsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.slots = new Semaphore(config.maxConcurrentDownloads);
  }

  onApplicationBootstrap(): void {
    for (const model of this.catalog.list()) {
      const d = model.download;
      if (d && (d.state === 'running' || d.state === 'queued') && !model.ready) {
        this.logger.info({ model: model.id, files: d.files.length }, 'resuming a download interrupted by a host restart');
        this.launch(model.id, d.files, d.revision, d.started_at ?? new Date().toISOString());
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    const jobs = [...this.jobs.values()];
    for (const job of jobs) job.controller.abort(new ShuttingDown());
    await Promise.all(jobs.map((j) => j.settled));
  }

  isActive(id: string): boolean {
    return this.jobs.has(id);
  }

  /** Lists the files, checks the disk, records the plan and starts; answers once the download is under way. */
  async begin(id: string, sourceOverride: ModelSource | undefined): Promise<DownloadProgress> {
    const model = this.catalog.get(id);
    if (this.jobs.has(id)) return this.progress(id);
    const source = sourceOverride ?? model.source;
    if (!source) throw new GatewayError('invalid_request', `Model "${id}" has no source to download from; give one in the body`, { param: 'source' });
    if (source.type === 'path') throw new GatewayError('invalid_request', `Model "${id}" uses files already on the host (${source.path}); nothing to download`, { param: 'source' });
    const ctx = { http: this.http, endpoint: this.config.hfEndpoint, token: this.config.hfToken, timeoutMs: LISTING_TIMEOUT_MS };
    let plan: DownloadPlan;
    try {
      plan = source.type === 'hf' ? await listHubFiles(source, ctx) : await planUrlFile(source, ctx);
    } catch (err) {
      if (err instanceof GatewayError) {
        await this.catalog.update(id, (m) => ({ download: { ...(m.download ?? { files: [], done: [], revision: null, started_at: null }), state: 'failed', error: err.message, finished_at: new Date().toISOString() } }));
        throw err;
      }
      throw new GatewayError('upstream_unreachable', `Cannot list the files: ${(err as Error).message}`);
    }
    await this.checkDisk(model, plan.files);
    const startedAt = new Date().toISOString();
    await this.catalog.update(id, () => ({
      source,
      ready: false,
      download: { state: 'running', revision: plan.revision, files: plan.files, done: [], error: null, started_at: startedAt, finished_at: null },
      last_error: null,
    }));
    this.launch(id, plan.files, plan.revision, startedAt);
    return this.progress(id);
  }

  async cancel(id: string): Promise<DownloadProgress> {
    this.catalog.get(id);
    const job = this.jobs.get(id);
    if (job) {
      job.controller.abort(new Cancelled());
      await job.settled;
    }
    return this.progress(id);
  }

  /** Stops a download for good (model deleted) and waits until nothing writes into its directory. */
  async abandon(id: string): Promise<void> {
    this.finished.delete(id);
    const job = this.jobs.get(id);
    if (!job) return;
    job.controller.abort(new Cancelled());
    await job.settled;
  }

  progress(id: string): DownloadProgress {
    const job = this.jobs.get(id);
    if (job) return this.summary(job);
    const model = this.catalog.get(id);
    const finished = this.finished.get(id);
    if (finished && finished.finished_at === model.download?.finished_at) return finished;
    const d = model.download;
    if (!d) return summarize('idle', [], 0, { error: null, revision: null, started_at: null, finished_at: null });
    const done = new Set(d.done);
    const files = d.files.map<DownloadFileProgress>((f) => ({
      path: f.path,
      size: f.size,
      bytes_done: done.has(f.path) ? (f.size ?? 0) : 0,
      state: done.has(f.path) ? 'done' : d.state === 'failed' ? 'failed' : 'pending',
      sha256: f.sha256,
      attempts: 0,
      error: null,
    }));
    return summarize(d.state === 'queued' ? 'running' : d.state, files, 0, { error: d.error, revision: d.revision, started_at: d.started_at, finished_at: d.finished_at });
  }

  /** Progress events of one model's downloads; returns the unsubscribe function. */
  subscribe(id: string, listener: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(id) === set) this.listeners.delete(id);
    };
  }

  private async checkDisk(model: ModelManifest, files: PlannedFile[]): Promise<void> {
    const root = this.catalog.filesDir(model.id);
    let needed = 0;
    for (const f of files) {
      if (f.size === null) continue;
      const target = path.join(root, ...f.path.split('/'));
      if ((await this.storage.fileSize(target)) === f.size) continue;
      needed += f.size - Math.min(f.size, (await this.storage.fileSize(partialPath(target))) ?? 0);
    }
    await this.storage.ensureDir(this.config.modelsDir);
    const free = await this.storage.freeBytes(this.config.modelsDir);
    if (needed + this.config.minFreeDiskBytes > free) {
      throw new GatewayError(
        'insufficient_disk_space',
        `Not enough disk space for "${model.id}": it needs ${mb(needed)} more, ${mb(free)} are free and ${mb(this.config.minFreeDiskBytes)} must stay free (MIN_FREE_DISK_MB)`,
      );
    }
  }

  private launch(id: string, plan: PlannedFile[], revision: string | null, startedAt: string): void {
    this.finished.delete(id);
    const job: Job = {
      id,
      plan,
      files: plan.map((f) => ({ path: f.path, size: f.size, bytes_done: 0, state: 'pending', sha256: f.sha256, attempts: 0, error: null })),
      state: 'running',
      error: null,
      revision,
      startedAt,
      finishedAt: null,
      controller: new AbortController(),
      rate: new RateMeter(),
      flush: undefined,
      settled: Promise.resolve(),
    };
    this.jobs.set(id, job);
    job.settled = this.run(job);
  }

  private async run(job: Job): Promise<void> {
    const root = this.catalog.filesDir(job.id);
    const deps: TransferDeps = {
      http: this.http,
      files: this.storage,
      stallTimeoutMs: this.config.downloadStallTimeoutMs,
      retries: this.config.downloadRetries,
      backoffBaseMs: 1000,
      authorization: this.config.hfToken ? { origin: new URL(this.config.hfEndpoint).origin, value: `Bearer ${this.config.hfToken}` } : undefined,
      sleep: (ms, signal) => sleep(ms, undefined, { signal }),
    };
    const { signal } = job.controller;
    try {
      await this.storage.ensureDir(root);
      const results = await Promise.allSettled(
        job.plan.map(async (file, i) => {
          const progress = job.files[i]!;
          const target = path.join(root, ...file.path.split('/'));
          const present = await this.storage.fileSize(target);
          if (present !== undefined && (file.size === null || present === file.size)) {
            Object.assign(progress, { state: 'done', bytes_done: present });
            return;
          }
          const release = await this.slots.acquire(signal);
          try {
            await transferFile(file, root, deps, this.sinkFor(job, progress), signal);
          } catch (err) {
            if (!signal.aborted) job.controller.abort(err);
            throw err;
          } finally {
            release();
          }
          await this.catalog.update(job.id, (m) => (m.download ? { download: { ...m.download, done: [...new Set([...m.download.done, file.path])] } } : {})).catch(() => undefined);
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      await this.finish(job, 'done', null);
    } catch (err) {
      const reason = signal.aborted ? signal.reason : err;
      if (reason instanceof ShuttingDown) {
        clearTimeout(job.flush);
        this.jobs.delete(job.id);
        return;
      }
      if (reason instanceof Cancelled) await this.finish(job, 'cancelled', null);
      else await this.finish(job, 'failed', (reason as Error)?.message ?? String(reason));
    }
  }

  private sinkFor(job: Job, progress: DownloadFileProgress) {
    return {
      attempt: () => {
        progress.attempts += 1;
        this.changed(job);
      },
      bytes: (done: number) => {
        const delta = done - progress.bytes_done;
        progress.bytes_done = done;
        if (delta > 0) {
          this.metrics.downloadBytes(job.id, delta);
          job.rate.sample(job.files.reduce((s, f) => s + f.bytes_done, 0), Date.now());
        }
        this.changed(job);
      },
      state: (state: DownloadFileProgress['state'], error?: string | null) => {
        progress.state = state;
        if (error !== undefined) progress.error = error;
        if (state === 'failed' || (state === 'downloading' && error)) this.logger.warn({ model: job.id, file: progress.path, error }, 'download: file transfer failed');
        this.changed(job);
      },
    };
  }

  private async finish(job: Job, state: 'done' | 'failed' | 'cancelled', error: string | null): Promise<void> {
    clearTimeout(job.flush);
    job.state = state;
    job.error = error;
    job.finishedAt = new Date().toISOString();
    if (state === 'done') for (const f of job.files) f.state = 'done';
    if (state === 'cancelled') for (const f of job.files) if (f.state !== 'done') f.state = 'pending';
    // the manifest changes in memory at once (the write follows), so state and progress never disagree
    const written = this.catalog
      .update(job.id, (m) => ({
        ready: state === 'done',
        download: {
          state,
          revision: job.revision,
          files: job.plan,
          done: job.files.filter((f) => f.state === 'done').map((f) => f.path),
          error,
          started_at: job.startedAt,
          finished_at: job.finishedAt,
        },
        last_error: state === 'failed' ? `download failed: ${error}` : m.last_error,
      }))
      .catch(() => undefined);
    const summary = this.summary(job);
    this.finished.set(job.id, summary);
    this.jobs.delete(job.id);
    await written;
    this.logger.info({ model: job.id, state, error, bytes: summary.bytes_done }, 'download finished');
    this.emit(job.id, { name: state, data: summary });
  }

  private summary(job: Job): DownloadProgress {
    return summarize(job.state, job.files, job.rate.rate(Date.now()), { error: job.error, revision: job.revision, started_at: job.startedAt, finished_at: job.finishedAt });
  }

  /** Progress events at most every PROGRESS_EVERY_MS per download. */
  private changed(job: Job): void {
    if (job.flush || !this.listeners.has(job.id)) return;
    job.flush = setTimeout(() => {
      job.flush = undefined;
      if (this.jobs.get(job.id) === job) this.emit(job.id, { name: 'progress', data: this.summary(job) });
    }, PROGRESS_EVERY_MS);
  }

  private emit(id: string, event: DownloadEvent): void {
    for (const listener of [...(this.listeners.get(id) ?? [])]) listener(event);
  }
}
