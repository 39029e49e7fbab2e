import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  createLocalModelSchema,
  downloadRequestSchema,
  localModelIdSchema,
  logsQuerySchema,
  updateLocalModelSettingsSchema,
  type CreateLocalModelParsed,
  type DownloadEventName,
  type DownloadRequestParsed,
  type LocalModel,
  type LocalModelList,
  type LocalModelLogs,
  type LocalModelStatus,
  type LogsQuery,
  type UpdateLocalModelSettingsParsed,
} from '@aigw/shared/admin/local-models';
import { DownloadsService } from '../downloads/downloads.service.js';
import { LocalModelsService } from './local-models.service.js';
import { KEEPALIVE_MS, SSE_HEADERS, writeEvent } from './sse.js';

const FINAL: ReadonlySet<string> = new Set(['done', 'failed', 'cancelled']);

/** The host's local-model API (ADMIN-API.md, "Local models"); every route needs the host token. */
@Controller('api/local/models')
export class LocalModelsController {
  constructor(
    private readonly models: LocalModelsService,
    private readonly downloads: DownloadsService,
  ) {}

  @Get()
  list(): LocalModelList {
    return { data: this.models.list() };
  }

  @Post()
  create(@Body({ schema: createLocalModelSchema }) body: CreateLocalModelParsed): Promise<LocalModel> {
    return this.models.create(body);
  }

  @Get(':id')
  get(@Param('id', { schema: localModelIdSchema }) id: string): LocalModel {
    return this.models.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', { schema: localModelIdSchema }) id: string): Promise<void> {
    await this.models.remove(id);
  }

  @Get(':id/status')
  status(@Param('id', { schema: localModelIdSchema }) id: string): Promise<LocalModelStatus> {
    return this.models.status(id);
  }

  @Post(':id/start')
  @HttpCode(202)
  start(@Param('id', { schema: localModelIdSchema }) id: string): Promise<LocalModelStatus> {
    return this.models.start(id);
  }

  @Post(':id/stop')
  @HttpCode(202)
  stop(@Param('id', { schema: localModelIdSchema }) id: string): Promise<LocalModelStatus> {
    return this.models.stop(id);
  }

  @Post(':id/restart')
  @HttpCode(202)
  restart(@Param('id', { schema: localModelIdSchema }) id: string): Promise<LocalModelStatus> {
    return this.models.restart(id);
  }

  @Get(':id/settings')
  settings(@Param('id', { schema: localModelIdSchema }) id: string): LocalModel['settings'] {
    return this.models.get(id).settings;
  }

  @Put(':id/settings')
  updateSettings(
    @Param('id', { schema: localModelIdSchema }) id: string,
    @Body({ schema: updateLocalModelSettingsSchema }) body: UpdateLocalModelSettingsParsed,
  ): Promise<LocalModel> {
    return this.models.updateSettings(id, body);
  }

  @Post(':id/download')
  @HttpCode(202)
  async download(@Param('id', { schema: localModelIdSchema }) id: string, @Body({ schema: downloadRequestSchema }) body: DownloadRequestParsed): Promise<LocalModelStatus> {
    await this.models.download(id, body?.source);
    return this.models.status(id);
  }

  @Get(':id/download')
  downloadProgress(@Param('id', { schema: localModelIdSchema }) id: string) {
    return this.models.downloadProgress(id);
  }

  @Post(':id/download/cancel')
  @HttpCode(202)
  async cancelDownload(@Param('id', { schema: localModelIdSchema }) id: string): Promise<LocalModelStatus> {
    await this.models.cancelDownload(id);
    return this.models.status(id);
  }

  /** SSE: `snapshot`, then `progress` events, then one of `done` | `failed` | `cancelled`; keep-alive comments meanwhile. */
  @Get(':id/download/events')
  events(@Param('id', { schema: localModelIdSchema }) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const snapshot = this.models.downloadProgress(id);
    void reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { ...SSE_HEADERS, 'x-request-id': request.id });
    writeEvent(res, 'snapshot', snapshot);
    if (FINAL.has(snapshot.state) && !this.downloads.isActive(id)) {
      writeEvent(res, snapshot.state, snapshot);
      res.end();
      return;
    }
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
    const unsubscribe = this.downloads.subscribe(id, (event: { name: DownloadEventName; data: unknown }) => {
      writeEvent(res, event.name, event.data);
      if (FINAL.has(event.name)) res.end();
    });
    res.once('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  @Get(':id/logs')
  async logs(@Param('id', { schema: localModelIdSchema }) id: string, @Query({ schema: logsQuerySchema }) query: LogsQuery): Promise<LocalModelLogs> {
    return { data: await this.models.logs(id, query.tail) };
  }
}
