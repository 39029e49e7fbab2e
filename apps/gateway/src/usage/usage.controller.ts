import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ListResponse } from '@aigw/shared/admin/common';
import {
  usageExportQuerySchema,
  usageListQuerySchema,
  usageSummaryQuerySchema,
  type UsageExportQueryParsed,
  type UsageListQueryParsed,
  type UsageRecord,
  type UsageSummary,
  type UsageSummaryQueryParsed,
} from '@aigw/shared/admin/usage';
import { AdminApi } from '../auth/admin-api.decorator.js';
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

  @Get('export.csv')
  export(@Query({ schema: usageExportQuerySchema }) query: UsageExportQueryParsed): StreamableFile {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return new StreamableFile(this.usage.exportCsv(query), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="usage-${stamp}.csv"` });
  }
}
