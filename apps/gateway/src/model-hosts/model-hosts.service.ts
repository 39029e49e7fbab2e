import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { CreateModelHostParsed, ModelHost, UpdateModelHostParsed } from '@aigw/shared/admin/model-hosts';
import { paginate } from '../common/paginate.js';
import { SecretBox } from '../crypto/secret-box.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { HostMonitor } from './host-monitor.service.js';
import { hostTokenContext, ModelHostEntity } from './model-host.entity.js';
import { modelHostNameTaken, modelHostNotFound } from './model-hosts.errors.js';

const baseUrl = (url: string) => url.replace(/\/+$/, '');

/** Registered model hosts: their address and sealed token, shown with what the monitor last learnt. */
@Injectable()
export class ModelHostsService {
  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly snapshot: SnapshotService,
    private readonly monitor: HostMonitor,
  ) {}

  private get repo() {
    return this.db.getRepository(ModelHostEntity);
  }

  /** The host's first poll is awaited, so the answer already says whether the gateway can use it. */
  async create(input: CreateModelHostParsed): Promise<ModelHost> {
    const id = randomUUID();
    await this.save(() =>
      this.repo.insert({ id, name: input.name, url: baseUrl(input.url), tokenEnc: this.secrets.seal(input.token, hostTokenContext(id)), runningModels: [] }),
    );
    await this.monitor.sync(id);
    return this.get(id);
  }

  async list(query: ListQuery): Promise<ListResponse<ModelHost>> {
    const { rows, hasMore } = await paginate(this.repo.createQueryBuilder('t'), 'model_hosts', query);
    return { data: rows.map((h) => this.toDto(h)), has_more: hasMore };
  }

  async get(id: string): Promise<ModelHost> {
    return this.toDto(await this.find(id));
  }

  async find(id: string): Promise<ModelHostEntity> {
    const host = await this.repo.findOneBy({ id });
    if (!host) throw modelHostNotFound(id);
    return host;
  }

  findAll(): Promise<ModelHostEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A new URL or token: the running models are forgotten until the host is asked again (at once). */
  async update(id: string, input: UpdateModelHostParsed): Promise<ModelHost> {
    await this.find(id);
    const moved = input.url !== undefined || input.token !== undefined;
    await this.save(() =>
      this.repo.update(
        { id },
        {
          ...(input.name !== undefined && { name: input.name }),
          ...(input.url !== undefined && { url: baseUrl(input.url) }),
          ...(input.token !== undefined && { tokenEnc: this.secrets.seal(input.token, hostTokenContext(id)) }),
          ...(moved && { runningModels: [] }),
          updatedAt: new Date(),
        },
      ),
    );
    if (moved) this.monitor.forget(id);
    await this.monitor.sync(id);
    return this.get(id);
  }

  /** Unregisters the host (its models keep running there) and takes its models out of routing. */
  async remove(id: string): Promise<void> {
    await this.find(id);
    await this.repo.delete({ id });
    this.monitor.forget(id);
    await this.snapshot.changed();
  }

  private toDto(host: ModelHostEntity): ModelHost {
    const state = this.monitor.state(host.id);
    return {
      id: host.id,
      name: host.name,
      url: host.url,
      has_token: true,
      health: state.health,
      gpus: state.gpus,
      running_models: host.runningModels,
      created_at: host.createdAt.toISOString(),
      updated_at: host.updatedAt.toISOString(),
    };
  }

  private async save(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw modelHostNameTaken();
      throw err;
    }
    await this.snapshot.changed();
  }
}
