import { Module, type OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuditResources } from '../audit/audit-resources.js';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { DomainsController } from './domains.controller.js';
import { DomainsService } from './domains.service.js';

@Module({ imports: [SnapshotModule, AuditModule], controllers: [DomainsController], providers: [DomainsService], exports: [DomainsService] })
export class DomainsModule implements OnModuleInit {
  constructor(
    private readonly audit: AuditResources,
    private readonly domains: DomainsService,
  ) {}

  onModuleInit(): void {
    this.audit.register('domain', (id) => (id ? this.domains.get(id) : Promise.resolve(null)));
  }
}
