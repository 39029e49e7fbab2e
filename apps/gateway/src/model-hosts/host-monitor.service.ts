import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { LocalGpu, LocalModel, LocalGpuList, LocalModelList } from '@aigw/shared/admin/local-models';
import type { ModelHostHealth, RunningModel } from '@aigw/shared/admin/model-hosts';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { toGatewayError } from '@aigw/server-kit/to-gateway-error';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { SecretBox } from '../crypto/secret-box.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { hostTarget } from './host-target.js';
import { answerError, callHost, hostHealth, type HostTarget } from './model-host.client.js';
import { ModelHostEntity } from './model-host.entity.js';

/** What this replica last learnt from a host. */
export interface HostState {
  health: ModelHostHealth;
  gpus: LocalGpu[];
  /** The host's catalog, as last listed. */
  models: LocalModel[];
}

const UNKNOWN: HostState = {
  health: { status: 'unknown', last_checked_at: null, latency_ms: null, error: null, version: null, gpu_mode: null },
  gpus: [],
  models: [],
};

export const runningOf = (models: readonly LocalModel[]): RunningModel[] =>
  models
    .filter((m) => m.state === 'running')
    .map((m) => ({ id: m.id, served_name: m.served_name }))
    .sort((a, b) => a.id.localeCompare(b.id));

const sameRunning = (a: readonly RunningModel[], b: readonly RunningModel[]) =>
  a.length === b.length && a.every((m, i) => m.id === b[i]!.id && m.served_name === b[i]!.served_name);

/**
 * Asks every registered host, in the background, for its health, GPUs and models (admin reads never
 * wait on it). When the models a host runs change, the stored list is updated and the routing snapshot
 * rebuilt and announced to the other replicas; a host that does not answer keeps its last known list.
 */
@Injectable()
export class HostMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly states = new Map<string, HostState>();
  /** One poll of a host at a time; a sync asked for meanwhile runs once more after it. */
  private readonly polls = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly snapshot: SnapshotService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  private get repo() {
    return this.db.getRepository(ModelHostEntity);
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  state(hostId: string): HostState {
    return this.states.get(hostId) ?? UNKNOWN;
  }

  /** Hosts whose last listing has a model with this id. */
  hostsWithModel(modelId: string): string[] {
    return [...this.states].filter(([, s]) => s.models.some((m) => m.id === modelId)).map(([id]) => id);
  }

  forget(hostId: string): void {
    this.states.delete(hostId);
  }

  /** Polls one host now (after a change made through the gateway) and waits for routing to follow. */
  sync(hostId: string): Promise<void> {
    const previous = this.polls.get(hostId) ?? Promise.resolve();
    const next = previous.then(() => this.poll(hostId));
    this.polls.set(hostId, next);
    void next.finally(() => this.polls.get(hostId) === next && this.polls.delete(hostId));
    return next;
  }

  /** A fresh listing made for an admin: kept, and routing follows it. */
  async observe(host: ModelHostEntity, models: LocalModel[]): Promise<void> {
    this.states.set(host.id, { ...this.state(host.id), models });
    await this.updateRunning(host, models);
  }

  /** The running models of a host as routing knows them, when `models` says otherwise: poll it. */
  async checkRunning(host: ModelHostEntity, modelId: string, state: string): Promise<void> {
    const known = host.runningModels.some((m) => m.id === modelId);
    if (known !== (state === 'running')) await this.sync(host.id);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.pollAll().finally(() => this.schedule()), this.config.modelHostPollMs);
    this.timer.unref();
  }

  private async pollAll(): Promise<void> {
    try {
      const hosts = await this.repo.find({ select: { id: true } });
      await Promise.all(hosts.map((h) => this.sync(h.id)));
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'model host poll failed');
    }
  }

  private async poll(hostId: string): Promise<void> {
    const host = await this.repo.findOneBy({ id: hostId });
    if (!host) return this.forget(hostId);
    let target: HostTarget;
    try {
      target = hostTarget(host, this.secrets);
    } catch {
      this.states.set(hostId, { ...this.state(hostId), health: this.failed(hostId, 'unauthorized', null, 'The stored token cannot be decrypted with this MASTER_KEY') });
      return;
    }
    const started = Date.now();
    const [health, models, gpus] = await Promise.allSettled([hostHealth(target), this.list<LocalModelList>(target, '/api/local/models'), this.list<LocalGpuList>(target, '/api/gpus')]);
    const latency = Date.now() - started;
    const failure = [health, models, gpus].find((r) => r.status === 'rejected');
    if (failure || models.status !== 'fulfilled' || gpus.status !== 'fulfilled' || health.status !== 'fulfilled') {
      const { error } = toGatewayError((failure as PromiseRejectedResult | undefined)?.reason);
      const status = error.code === 'upstream_auth_error' ? 'unauthorized' : 'unreachable';
      this.states.set(hostId, { ...this.state(hostId), health: this.failed(hostId, status, latency, error.message) });
      return;
    }
    this.states.set(hostId, {
      health: { status: 'healthy', last_checked_at: new Date().toISOString(), latency_ms: latency, error: null, ...health.value },
      gpus: gpus.value.data,
      models: models.value.data,
    });
    await this.updateRunning(host, models.value.data);
  }

  private async list<T>(target: HostTarget, path: string): Promise<T> {
    const answer = await callHost(target, 'GET', path);
    if (answer.status !== 200) throw answerError(target, answer);
    return answer.body as T;
  }

  private failed(hostId: string, status: ModelHostHealth['status'], latency: number | null, error: string): ModelHostHealth {
    const { version, gpu_mode } = this.state(hostId).health;
    return { status, last_checked_at: new Date().toISOString(), latency_ms: latency, error, version, gpu_mode };
  }

  private async updateRunning(host: ModelHostEntity, models: readonly LocalModel[]): Promise<void> {
    const running = runningOf(models);
    if (sameRunning(running, host.runningModels)) return;
    await this.db.query('UPDATE model_hosts SET running_models = $1 WHERE id = $2', [JSON.stringify(running), host.id]);
    host.runningModels = running;
    this.log.info({ model_host_id: host.id, running: running.map((m) => m.served_name) }, 'model host serves a new set of models; routing rebuilt');
    await this.snapshot.changed();
  }
}
