import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditResources } from './audit-resources.js';
import { AuditController } from './audit.controller.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditService } from './audit.service.js';

/** The audit log and the global interceptor that writes it around every admin change. */
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditResources, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditService, AuditResources],
})
export class AuditModule {}
