import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { ApplyConfigResult, applyConfigRequestSchema } from '@aigw/shared/admin/config';
import { EnvironmentReader } from '../config/environment-reader.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { checkProvider } from '../sources/sources.service.js';
import { checkReferences, planConfig, type ConfigPlan, type DesiredDocument } from './config-plan.js';
import { readConfigDocument } from './config-reader.js';
import type { GatewayState } from './config-state.js';
import { ConfigStateRepository } from './config-state.repository.js';
import { concurrentChange, invalidDocument } from './config-sync.errors.js';
import { ConfigWriter } from './config-writer.js';

export type ApplyConfigParsed = z.output<typeof applyConfigRequestSchema>;

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/**
 * Applies a config document: read it (syntax, `ENV:` references, shape, providers), plan against the
 * gateway's state by name, and unless it is a dry run write every change in one transaction and
 * refresh routing once. A document that matches the state writes nothing.
 */
@Injectable()
export class ConfigApplyService {
  constructor(
    private readonly db: DataSource,
    private readonly state: ConfigStateRepository,
    private readonly writer: ConfigWriter,
    private readonly snapshot: SnapshotService,
    private readonly env: EnvironmentReader,
  ) {}

  async apply(request: ApplyConfigParsed): Promise<ApplyConfigResult> {
    const desired = readConfigDocument(request.document, {
      env: this.env,
      capabilities: (s) => checkProvider(s.provider, s.capabilities, s.api_version),
    });
    if (request.dry_run) {
      const plan = this.plan(await this.state.load(this.db.manager), desired, request.prune);
      return { dry_run: true, changes: plan.changes };
    }
    let plan: ConfigPlan | undefined;
    try {
      await this.db.transaction(async (tx) => {
        const state = await this.state.load(tx);
        plan = this.plan(state, desired, request.prune);
        if (plan.steps.length) await this.writer.execute(tx, state, plan);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw concurrentChange();
      throw err;
    }
    if (plan!.steps.length) await this.snapshot.changed();
    return { dry_run: false, changes: plan!.changes };
  }

  private plan(state: GatewayState, desired: DesiredDocument, prune: boolean): ConfigPlan {
    const problems = checkReferences(state, desired, prune);
    if (problems.length) throw invalidDocument(problems);
    return planConfig(state, desired, { prune });
  }
}
