import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CreateRouteParsed } from '@aigw/shared/admin/routes';
import { RoutesService } from '../routes/routes.service.js';
import { SourcesService } from '../sources/sources.service.js';
import type { ConfigPlan, NamedRoute, NamedTarget } from './config-plan.js';
import type { GatewayState } from './config-state.js';

/** Carries out a plan inside one transaction, through the sources and routes services' rules. */
@Injectable()
export class ConfigWriter {
  constructor(
    private readonly sources: SourcesService,
    private readonly routes: RoutesService,
  ) {}

  async execute(tx: EntityManager, state: GatewayState, plan: ConfigPlan): Promise<void> {
    const sourceIds = new Map(state.sources.map((s) => [s.name, s.id]));
    for (const step of plan.steps) {
      if (step.action === 'delete') {
        await (step.kind === 'route' ? this.routes.removeIn(tx, step.id) : this.sources.removeIn(tx, step.id));
      } else if (step.kind === 'source') {
        if (step.action === 'create') {
          const id = randomUUID();
          await this.sources.createIn(tx, id, step.source);
          sourceIds.set(step.name, id);
        } else await this.sources.replaceIn(tx, step.id, step.source);
      } else {
        const input = withSourceIds(step.route, sourceIds);
        await (step.action === 'create' ? this.routes.createIn(tx, randomUUID(), input) : this.routes.replaceIn(tx, step.id, input));
      }
    }
  }
}

function withSourceIds(route: NamedRoute, ids: ReadonlyMap<string, string>): CreateRouteParsed {
  const target = ({ source, ...rest }: NamedTarget) => {
    const id = ids.get(source);
    // checkReferences ran before planning: a name without an id is a bug, not a user error
    if (!id) throw new Error(`config-sync: no id for source "${source}"`);
    return { ...rest, source_id: id };
  };
  return { ...route, targets: route.targets.map(target), fallback: route.fallback.map(target) };
}
