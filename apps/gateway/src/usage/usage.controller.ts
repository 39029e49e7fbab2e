import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idParamSchema, type ListResponse } from '@aigw/shared/admin/common';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import {
  usageExportQuerySchema,
  usageListQuerySchema,
  usageSummaryQuerySchema,
  type UsageBodies,
  type UsageExportQueryParsed,
  type UsageListQueryParsed,
  type UsageRecord,
  type UsageSummary,
  type UsageSummaryQueryParsed,
} from '@aigw/shared/admin/usage';
import { AdminApi } from '../auth/admin-api.decorator.js';
import type { AdminPrincipal } from '../auth/admin.guard.js';
import { CurrentAdmin } from '../auth/current-admin.decorator.js';
import { UsageService } from './usage.service.js';

/** Per-request usage records: list, aggregate, export. Read-only (viewers too). */
@ApiTags('usage')
@AdminApi()
@Controller('api/admin/usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  list(@Query({ schema: usageListQuerySchema }) query: UsageListQueryParsed): Promise<ListResponse<UsageRecord>> {
    return this.usage.list(query);
  }

  @Get('summary')
  summary(@Query({ schema: usageSummaryQuerySchema }) query: UsageSummaryQueryParsed): Promise<UsageSummary> {
    return this.usage.summary(query);
  }

  /** What a request sent and got back, when a policy kept it. Admins only: bodies can hold anything. */
  @Get(':id/bodies')
  bodies(@Param('id', { schema: idParamSchema }) id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<UsageBodies> {
    if (admin.role !== 'admin') throw new GatewayError('permission_denied', 'Request and response bodies are shown to admins only');
    return this.usage.bodies(id);
  }

  @Get('export.csv')
  export(@Query({ schema: usageExportQuerySchema }) query: UsageExportQueryParsed): StreamableFile {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return new StreamableFile(this.usage.exportCsv(query), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="usage-${stamp}.csv"` });
  }
}
