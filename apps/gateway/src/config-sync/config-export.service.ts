import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Capability, Provider } from '@aigw/shared/admin/sources';
import { capabilitiesOf } from '../providers/capabilities.js';
import { adapterFor } from '../providers/registry.js';
import { exportDocument, renderDocument, type ExportFormat } from './config-export.js';
import { ConfigStateRepository } from './config-state.repository.js';

const CONTENT_TYPES: Record<ExportFormat, string> = { yaml: 'application/yaml; charset=utf-8', json: 'application/json; charset=utf-8' };

/** What a source gets when it names no capabilities: all its provider can serve. */
export function defaultCapabilities(provider: Provider): Capability[] {
  const adapter = adapterFor(provider);
  return adapter ? capabilitiesOf(adapter) : [];
}

@Injectable()
export class ConfigExportService {
  constructor(
    private readonly db: DataSource,
    private readonly state: ConfigStateRepository,
  ) {}

  async export(format: ExportFormat): Promise<{ body: string; contentType: string }> {
    const document = exportDocument(await this.state.load(this.db.manager), defaultCapabilities);
    return { body: renderDocument(document, format), contentType: CONTENT_TYPES[format] };
  }
}
