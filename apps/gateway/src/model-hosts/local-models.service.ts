import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { LocalModelList } from '@aigw/shared/admin/local-models';
import type { HostedModelList, HostListError } from '@aigw/shared/admin/model-hosts';
import { toGatewayError } from '@aigw/server-kit/to-gateway-error';
import { SecretBox } from '../crypto/secret-box.js';
import { HostMonitor } from './host-monitor.service.js';
import { hostTarget } from './host-target.js';
import { answerError, callHost, openHostStream, type HostAnswer } from './model-host.client.js';
import type { ModelHostEntity } from './model-host.entity.js';
import { ambiguousModel, hostIdRequired, localModelNotFound, noModelHost } from './model-hosts.errors.js';
import { ModelHostsService } from './model-hosts.service.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A model-shaped 2xx answer (model, status) says where the model lives. */
const withHost = (answer: HostAnswer, host: ModelHostEntity): HostAnswer =>
  answer.status < 300 && isObject(answer.body) && typeof answer.body.id === 'string'
    ? { ...answer, body: { ...answer.body, host_id: host.id, host_name: host.name } }
    : answer;

/**
 * Seed 001's local-model API through the gateway: each call goes to the host that has the model
 * (`?host_id=` or the monitor's last listings) and the host's answer comes back as it is.
 */
@Injectable()
export class LocalModelsService {
  constructor(
    private readonly hosts: ModelHostsService,
    private readonly monitor: HostMonitor,
    private readonly secrets: SecretBox,
  ) {}

  /** Every host's models; a host that cannot answer is listed in `host_errors`, never a failure of the whole list. */
  async list(): Promise<HostedModelList> {
    const hosts = await this.hosts.findAll();
    const listed = await Promise.all(
      hosts.map(async (host) => {
        try {
          const target = hostTarget(host, this.secrets);
          const answer = await callHost(target, 'GET', '/api/local/models');
          if (answer.status !== 200) throw answerError(target, answer);
          const models = (answer.body as LocalModelList).data;
          await this.monitor.observe(host, models);
          return models.map((m) => ({ ...m, host_id: host.id, host_name: host.name }));
        } catch (err) {
          const failed: HostListError = { host_id: host.id, host_name: host.name, error: toGatewayError(err).error.toBody().error };
          return failed;
        }
      }),
    );
    return {
      data: listed.flatMap((l) => (Array.isArray(l) ? l : [])),
      has_more: false,
      host_errors: listed.flatMap((l) => (Array.isArray(l) ? [] : [l])),
    };
  }

  /** `POST /api/local/models` on the host named by `host_id` (optional while only one host is registered). */
  async create(body: Record<string, unknown>, hostId: string | undefined): Promise<HostAnswer> {
    const host = hostId ? await this.hosts.find(hostId) : await this.onlyHost();
    const answer = await callHost(hostTarget(host, this.secrets), 'POST', '/api/local/models', body);
    if (answer.status < 300) await this.monitor.sync(host.id);
    return withHost(answer, host);
  }

  /**
   * One call about one model (`path` after `/api/local/models/{id}`). Changes are followed by a poll of the
   * host, so routing already knows a stopped model is gone when the call returns.
   */
  async forward(modelId: string, hostId: string | undefined, method: Method, path: string, body?: unknown): Promise<HostAnswer> {
    const host = await this.resolve(modelId, hostId);
    const answer = withHost(await callHost(hostTarget(host, this.secrets), method, `/api/local/models/${encodeURIComponent(modelId)}${path}`, body), host);
    if (answer.status < 300 && method !== 'GET') await this.monitor.sync(host.id);
    if (answer.status === 200 && path === '/status' && isObject(answer.body)) await this.monitor.checkRunning(host, modelId, String(answer.body.state));
    return answer;
  }

  /** The host's download progress stream, to pipe on; or the host's answer when it has none. */
  async downloadEvents(modelId: string, hostId: string | undefined, signal: AbortSignal): Promise<{ stream: Readable } | { answer: HostAnswer }> {
    const host = await this.resolve(modelId, hostId);
    return openHostStream(hostTarget(host, this.secrets), `/api/local/models/${encodeURIComponent(modelId)}/download/events`, signal);
  }

  private async onlyHost(): Promise<ModelHostEntity> {
    const all = await this.hosts.findAll();
    if (all.length === 0) throw noModelHost();
    if (all.length > 1) throw hostIdRequired();
    return all[0]!;
  }

  private async resolve(modelId: string, hostId: string | undefined): Promise<ModelHostEntity> {
    if (hostId) return this.hosts.find(hostId);
    let candidates = this.monitor.hostsWithModel(modelId);
    if (candidates.length === 0) {
      await this.list();
      candidates = this.monitor.hostsWithModel(modelId);
    }
    if (candidates.length === 0) throw localModelNotFound(modelId);
    const hosts = await Promise.all(candidates.map((id) => this.hosts.find(id)));
    if (hosts.length > 1) throw ambiguousModel(modelId, hosts.map((h) => h.name));
    return hosts[0]!;
  }
}
