import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AuditModule } from '../audit/audit.module.js';
import { AuditResources } from '../audit/audit-resources.js';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { acceptCertificateForms } from './certificate-form.js';
import { CertificatesController } from './certificates.controller.js';
import { CertificatesService } from './certificates.service.js';
import { CertificateExpiryMetric } from './certificate-expiry.metric.js';

@Module({
  imports: [SnapshotModule, AuditModule],
  controllers: [CertificatesController],
  providers: [CertificatesService, CertificateExpiryMetric],
  exports: [CertificatesService],
})
export class CertificatesModule implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly audit: AuditResources,
    private readonly certificates: CertificatesService,
  ) {}

  onModuleInit(): void {
    acceptCertificateForms(this.adapter.httpAdapter.getInstance<FastifyInstance>());
    // before/after of each change, as the API shows it (no private key)
    this.audit.register('certificate', (id) => (id ? this.certificates.get(id) : Promise.resolve(null)));
  }
}
