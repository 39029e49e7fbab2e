import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { auditListQuerySchema, type AuditEntry, type AuditListQueryParsed } from '@aigw/shared/admin/audit';
import type { ListResponse } from '@aigw/shared/admin/common';
import { AdminApi } from '../auth/admin-api.decorator.js';
import { AuditService } from './audit.service.js';

/** The audit log, newest first. Read-only: there is no way to change or delete an entry through the API. */
@ApiTags('audit')
@AdminApi()
@Controller('api/admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query({ schema: auditListQuerySchema }) query: AuditListQueryParsed): Promise<ListResponse<AuditEntry>> {
    return this.audit.list(query);
  }
}
