import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { applyConfigRequestSchema, type ApplyConfigResult } from '@aigw/shared/admin/config';
import { AdminApi } from '../auth/admin-api.decorator.js';
import { ConfigApplyService, type ApplyConfigParsed } from './config-apply.service.js';
import { ConfigExportService } from './config-export.service.js';

const exportQuerySchema = z.object({ format: z.enum(['yaml', 'json']).default('yaml') });
type ExportQuery = z.output<typeof exportQuerySchema>;

/** Declarative config: every source and route as one document, out (viewers too) and in (admins). */
@ApiTags('config')
@AdminApi()
@Controller('api/admin/config')
export class ConfigSyncController {
  constructor(
    private readonly exporter: ConfigExportService,
    private readonly applier: ConfigApplyService,
  ) {}

  @Get('export')
  async export(@Query({ schema: exportQuerySchema }) query: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { body, contentType } = await this.exporter.export(query.format);
    void reply.type(contentType);
    return body;
  }

  @Post('apply')
  @HttpCode(200)
  apply(@Body({ schema: applyConfigRequestSchema }) body: ApplyConfigParsed): Promise<ApplyConfigResult> {
    return this.applier.apply(body);
  }
}
