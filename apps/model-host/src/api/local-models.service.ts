import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import {
  localModelSettingsSchema,
  type CreateLocalModelParsed,
  type DownloadProgress,
  type LocalModel,
  type LocalModelLogLine,
  type LocalModelSettings,
  type LocalModelState,
  type LocalModelStatus,
  type ModelSource,
  type UpdateLocalModelSettingsParsed,
} from '@aigw/shared/admin/local-models';
import { invalidModelState } from '../catalog/catalog.errors.js';
import { CatalogService } from '../catalog/catalog.service.js';
import type { ModelManifest } from '../catalog/manifest.js';
import { DownloadsService } from '../downloads/downloads.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { settingsProblems } from '../runtimes/presets.js';
import { StorageRepository } from '../system/storage.repository.js';
import { servedNameOf, SupervisorService } from '../supervisor/supervisor.service.js';

const EDITABLE: ReadonlySet<LocalModelState> = new Set(['not_downloaded', 'downloading', 'stopped', 'failed']);
const BUSY: ReadonlySet<LocalModelState> = new Set(['starting', 'running', 'stopping']);

/** A slug of a name, as a default model id. */
export function slugOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-._]+|[-._]+$/g, '')
      .slice(0, 56) || 'model'
  );
}

/** The local-model use cases: catalog, downloads and supervisor composed, answered as the shared DTOs. */
@Injectable()
export class LocalModelsService implements OnModuleInit {
  constructor(
    private readonly catalog: CatalogService,
    private readonly downloads: DownloadsService,
    private readonly supervisor: SupervisorService,
    private readonly storage: StorageRepository,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.metrics.reportModelStates(() => this.catalog.list().map((m) => this.stateOf(m)));
  }

  list(): LocalModel[] {
    return this.catalog.list().map((m) => this.toDto(m));
  }

  get(id: string): LocalModel {
    return this.toDto(this.catalog.get(id));
  }

  async create(req: CreateLocalModelParsed): Promise<LocalModel> {
    let id = req.id;
    if (!id) {
      const base = slugOf(req.name);
      id = base;
      for (let n = 2; this.catalog.has(id); n++) id = `${base}-${n}`;
    }
    const settings = this.checkedSettings(req.runtime, { ...localModelSettingsSchema.parse({}), ...stripUndefined(req.settings ?? {}) });
    const source = req.source ?? null;
    if (source?.type === 'path' && !(await this.storage.exists(source.path))) {
      throw new GatewayError('invalid_request', `source.path ${source.path} does not exist on this host`, { param: 'source.path' });
    }
    const now = new Date().toISOString();
    const manifest: ModelManifest = {
      version: 1,
      id,
      name: req.name,
      runtime: req.runtime,
      source,
      settings,
      created_at: now,
      updated_at: now,
      // nothing to fetch: ready to start
      ready: source === null || source.type === 'path',
      download: null,
      process: null,
      last_error: null,
    };
    await this.storage.ensureDir(this.catalog.filesDir(id));
    await this.catalog.create(manifest);
    await this.supervisor.runnerFor(id);
    return this.toDto(manifest);
  }

  async status(id: string): Promise<LocalModelStatus> {
    const stats = await this.supervisor.stats(this.supervisor.peek(id));
    // everything else is read at once, after the only await: one consistent snapshot
    const model = this.catalog.get(id);
    const runner = this.supervisor.peek(id);
    const state = this.stateOf(model);
    const startedAt = runner?.startedAt ?? null;
    const live = state === 'starting' || state === 'running' || state === 'stopping';
    return {
      id,
      state,
      pid: runner?.pid ?? null,
      port: live ? (runner?.port ?? null) : null,
      uptime_s: startedAt === null ? null : Math.round((Date.now() - startedAt) / 1000),
      restarts: runner?.restarts ?? 0,
      last_error: runner?.lastError ?? model.last_error,
      download: this.downloads.progress(id),
      served_name: servedNameOf(model),
      started_at: startedAt === null ? null : new Date(startedAt).toISOString(),
      next_restart_at: runner?.nextRestartAt ? new Date(runner.nextRestartAt).toISOString() : null,
      ...stats,
      gpus: live ? (runner?.assignment?.gpus ?? null) : null,
      cuda_visible_devices: live ? (runner?.assignment?.cudaVisibleDevices ?? null) : null,
      last_exit: runner?.lastExit ?? null,
      reclaimed: runner?.reclaimed ?? null,
    };
  }

  async start(id: string): Promise<LocalModelStatus> {
    const model = this.catalog.get(id);
    const state = this.stateOf(model);
    if (state === 'downloading' || state === 'not_downloaded' || state === 'stopping') throw invalidModelState(id, state, 'start');
    await this.supervisor.start(id);
    return this.status(id);
  }

  async stop(id: string): Promise<LocalModelStatus> {
    this.catalog.get(id);
    await this.supervisor.stop(id);
    return this.status(id);
  }

  async restart(id: string): Promise<LocalModelStatus> {
    this.catalog.get(id);
    await this.supervisor.stopAndWait(id);
    return this.start(id);
  }

  async updateSettings(id: string, patch: UpdateLocalModelSettingsParsed): Promise<LocalModel> {
    const model = this.catalog.get(id);
    const state = this.stateOf(model);
    if (!EDITABLE.has(state)) throw invalidModelState(id, state, 'change the settings of');
    const settings = this.checkedSettings(model.runtime, { ...model.settings, ...stripUndefined(patch) });
    return this.toDto(await this.catalog.update(id, () => ({ settings }), { touch: true }));
  }

  async download(id: string, source: ModelSource | undefined): Promise<DownloadProgress> {
    const model = this.catalog.get(id);
    const state = this.stateOf(model);
    if (BUSY.has(state)) throw invalidModelState(id, state, 'download files for');
    return this.downloads.begin(id, source);
  }

  downloadProgress(id: string): DownloadProgress {
    return this.downloads.progress(id);
  }

  cancelDownload(id: string): Promise<DownloadProgress> {
    return this.downloads.cancel(id);
  }

  logs(id: string, tail: number): Promise<LocalModelLogLine[]> {
    return this.supervisor.logs(id, tail);
  }

  async remove(id: string): Promise<void> {
    this.catalog.get(id);
    await this.supervisor.stopAndWait(id);
    await this.downloads.abandon(id);
    this.supervisor.forget(id);
    await this.catalog.remove(id);
  }

  stateOf(model: ModelManifest): LocalModelState {
    if (this.downloads.isActive(model.id)) return 'downloading';
    if (!model.ready) return 'not_downloaded';
    return this.supervisor.peek(model.id)?.state ?? 'stopped';
  }

  private checkedSettings(runtime: ModelManifest['runtime'], merged: unknown): LocalModelSettings {
    const settings = localModelSettingsSchema.parse(merged);
    const problems = settingsProblems(runtime, settings);
    if (problems.length) {
      const [param, message] = problems[0]!;
      throw new GatewayError('invalid_request', `${param}: ${message}`, { param });
    }
    return settings;
  }

  private toDto(m: ModelManifest): LocalModel {
    const runner = this.supervisor.peek(m.id);
    const state = this.stateOf(m);
    const live = state === 'starting' || state === 'running' || state === 'stopping';
    return {
      id: m.id,
      name: m.name,
      runtime: m.runtime,
      source: m.source,
      settings: m.settings,
      served_name: servedNameOf(m),
      model_path: this.catalog.modelPath(m),
      state,
      pid: runner?.pid ?? null,
      port: live ? (runner?.port ?? null) : null,
      last_error: runner?.lastError ?? m.last_error,
      created_at: m.created_at,
      updated_at: m.updated_at,
    };
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
