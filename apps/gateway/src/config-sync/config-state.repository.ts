import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SecretBox } from '../crypto/secret-box.js';
import { RouteEntity } from '../routes/route.entity.js';
import { instanceKeyContext } from '../sources/instance-secret.js';
import { SourceInstanceEntity } from '../sources/source-instance.entity.js';
import { SourceEntity } from '../sources/source.entity.js';
import { sourceFields } from '../sources/sources.service.js';
import { sha256 } from './config-plan.js';
import type { GatewayState, StateInstance } from './config-state.js';

/**
 * Reads every source, instance and route, through the given manager (a transaction's, when the read
 * and the writes must see the same state). Stored upstream keys are opened only to be hashed.
 */
@Injectable()
export class ConfigStateRepository {
  constructor(private readonly secrets: SecretBox) {}

  async load(db: EntityManager): Promise<GatewayState> {
    const sources = await db.getRepository(SourceEntity).find({ order: { name: 'ASC' } });
    const instances = await db.getRepository(SourceInstanceEntity).find({ order: { position: 'ASC' } });
    const routes = await db.getRepository(RouteEntity).find({ order: { name: 'ASC' } });
    const bySource = new Map<string, StateInstance[]>();
    for (const i of instances) {
      bySource.set(i.sourceId, [
        ...(bySource.get(i.sourceId) ?? []),
        {
          id: i.id,
          url: i.url,
          weight: i.weight,
          headers: i.headers,
          enabled: i.enabled,
          max_concurrent: i.maxConcurrent,
          api_key_sha256: this.keyHash(i),
        },
      ]);
    }
    return {
      sources: sources.map((s) => ({ ...sourceFields(s), instances: bySource.get(s.id) ?? [] })),
      routes: routes.map((r) => ({
        id: r.id,
        name: r.name,
        match: r.match,
        targets: r.targets,
        fallback: r.fallback,
        strategy: r.strategy,
        priority: r.priority,
        enabled: r.enabled,
      })),
    };
  }

  private keyHash(i: SourceInstanceEntity): string | null {
    if (i.apiKeyEnc === null) return null;
    try {
      return sha256(this.secrets.open(i.apiKeyEnc, instanceKeyContext(i.id)));
    } catch {
      return 'unreadable';
    }
  }
}
