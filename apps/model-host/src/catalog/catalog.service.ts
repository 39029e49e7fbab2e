import path from 'node:path';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '@aigw/server-kit/logger.module';
import { HOST_CONFIG } from '../config/config.module.js';
import type { HostConfig } from '../config/config.schema.js';
import { StorageRepository } from '../system/storage.repository.js';
import { localModelExists, localModelNotFound } from './catalog.errors.js';
import { manifestSchema, type ModelManifest } from './manifest.js';

const MANIFEST = 'manifest.json';

/**
 * The host's models: one manifest per model in DATA_DIR/models/<id>/, loaded at start, kept in
 * memory, each change written atomically (temp file + rename) in order.
 */
@Injectable()
export class CatalogService implements OnModuleInit {
  private readonly models = new Map<string, ModelManifest>();
  private readonly writes = new Map<string, Promise<void>>();

  constructor(
    @Inject(HOST_CONFIG) private readonly config: HostConfig,
    private readonly storage: StorageRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.storage.ensureDir(this.config.modelsDir);
    for (const id of await this.storage.listDirs(this.config.modelsDir)) {
      const text = await this.storage.readText(path.join(this.modelDir(id), MANIFEST));
      if (text === undefined) continue;
      try {
        const manifest = manifestSchema.parse(JSON.parse(text));
        if (manifest.id !== id) throw new Error(`its id is "${manifest.id}"`);
        this.models.set(id, manifest);
      } catch (err) {
        this.logger.error({ model: id, err: (err as Error).message }, 'skipping a model whose manifest cannot be read');
      }
    }
    this.logger.info({ models: this.models.size }, 'catalog loaded');
  }

  list(): ModelManifest[] {
    return [...this.models.values()].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  }

  get(id: string): ModelManifest {
    const model = this.models.get(id);
    if (!model) throw localModelNotFound(id);
    return model;
  }

  find(id: string): ModelManifest | undefined {
    return this.models.get(id);
  }

  has(id: string): boolean {
    return this.models.has(id);
  }

  async create(manifest: ModelManifest): Promise<ModelManifest> {
    if (this.models.has(manifest.id)) throw localModelExists(manifest.id);
    this.models.set(manifest.id, manifest);
    await this.persist(manifest.id);
    return manifest;
  }

  /** Applies a change and writes the manifest; returns the new manifest. */
  async update(id: string, change: (m: ModelManifest) => Partial<ModelManifest>, options: { touch?: boolean } = {}): Promise<ModelManifest> {
    const current = this.get(id);
    const next = { ...current, ...change(current), ...(options.touch ? { updated_at: new Date().toISOString() } : {}) };
    this.models.set(id, next);
    await this.persist(id);
    return next;
  }

  async remove(id: string): Promise<void> {
    this.get(id);
    this.models.delete(id);
    await (this.writes.get(id) ?? Promise.resolve());
    await this.storage.removeTree(this.modelDir(id));
    this.writes.delete(id);
  }

  modelDir(id: string): string {
    return path.join(this.config.modelsDir, id);
  }

  /** Where downloads land. */
  filesDir(id: string): string {
    return path.join(this.modelDir(id), 'files');
  }

  logFile(id: string): string {
    return path.join(this.modelDir(id), 'logs', 'model.log');
  }

  /** `{model_path}`: a path source's own directory, else the model's files directory. */
  modelPath(model: ModelManifest): string {
    return model.source?.type === 'path' ? model.source.path : this.filesDir(model.id);
  }

  private persist(id: string): Promise<void> {
    const previous = this.writes.get(id) ?? Promise.resolve();
    const write = previous
      .catch(() => undefined)
      .then(async () => {
        const manifest = this.models.get(id);
        if (!manifest) return;
        await this.storage.writeAtomic(path.join(this.modelDir(id), MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
      });
    this.writes.set(id, write);
    return write;
  }
}
