import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localModelIdSchema } from '@aigw/shared/admin/local-models';
import { createHostedModelSchema, hostLogsQuerySchema, hostQuerySchema, type HostedModelList, type HostLogsQuery, type HostQuery } from '@aigw/shared/admin/model-hosts';
import { Audit } from '../audit/audit.decorator.js';
import { AdminApi } from '../auth/admin-api.decorator.js';
import { LocalModelsService } from './local-models.service.js';
import type { HostAnswer } from './model-host.client.js';

const modelId = { schema: localModelIdSchema };

/** The host's status and body, passed on. */
function passOn(reply: FastifyReply, answer: HostAnswer): unknown {
  void reply.code(answer.status);
  return answer.body;
}

/**
 * Seed 001's local-model API, served by the gateway for every registered host: JWT admins change,
 * viewers read. `?host_id=` picks the host where a model id exists on several.
 */
@ApiTags('local-models')
@AdminApi()
@Controller('api/local/models')
export class LocalModelsController {
  constructor(private readonly local: LocalModelsService) {}

  @Get()
  list(): Promise<HostedModelList> {
    return this.local.list();
  }

  @Post()
  @Audit('local_model.create', 'local_model')
  async create(@Body() body: Record<string, unknown> | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const { host_id } = createHostedModelSchema.parse(body);
    const { host_id: _hostId, ...forHost } = body!;
    return passOn(reply, await this.local.create(forHost, host_id));
  }

  @Get(':id')
  async get(@Param('id', modelId) id: string, @Query({ schema: hostQuerySchema }) q: HostQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return passOn(reply, await this.local.forward(id, q.host_id, 'GET', ''));
  }

  @Delete(':id')
  @Audit('local_model.delete', 'local_model')
  async remove(@Param('id', modelId) id: string, @Query({ schema: hostQuerySchema }) q: HostQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return passOn(reply, await this.local.forward(id, q.host_id, 'DELETE', ''));
  }

  @Get(':id/status')
  async status(@Param('id', modelId) id: string, @Query({ schema: hostQuerySchema }) q: HostQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return passOn(reply, await this.local.forward(id, q.host_id, 'GET', '/status'));
  }

  @Post(':id/start')
  @Audit('local_model.start', 'local_model')
  async start(@Param('id', modelId) id: string, @Query({ schema: hostQuerySchema }) q: HostQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return passOn(reply, await this.local.forward(id, q.host_id, 'POST', '/start'));
  }

  @Post(':id/stop')
  @Audit('local_model.stop', 'local_model')
  async stop(@Param('id', modelId) id: string, @Query({ schema: hostQuerySchema }) q: HostQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return passOn(reply, await this.local.forward(id, q.host_id, 'POST', '/stop'));
  }

  @Post(':id/restart')
  @Audit('local_model.restart', 'local_model')
  async restart(@Param('id', modelId) id: string, @Query({ schema: hostQuerySchema }) q: HostQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return passOn(reply, await this.local.forward(id, q.host_id, 'POST', '/restart'));
  }

  @Post(':id/download')
  @Audit('local_model.download', 'local_model')
  async download(
    @Param('id', modelId) id: string,
    @Query({ schema: hostQuerySchema }) q: HostQuery,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return passOn(reply, await this.local.forward(id, q.host_id, 'POST', '/download', body ?? {}));
  }

  @Get(':id/download')
  async progress(@Param('id', modelId) id: string, @Query({ schema: hostQuerySchema }) q: HostQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return passOn(reply, await this.local.forward(id, q.host_id, 'GET', '/download'));
  }

  @Post(':id/download/cancel')
  @Audit('local_model.download_cancel', 'local_model')
  async cancel(@Param('id', modelId) id: string, @Query({ schema: hostQuerySchema }) q: HostQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return passOn(reply, await this.local.forward(id, q.host_id, 'POST', '/download/cancel'));
  }

  /** The host's SSE progress stream, piped through event by event (no buffering, no re-framing). */
  @Get(':id/download/events')
  async events(@Param('id', modelId) id: string, @Query({ schema: hostQuerySchema }) q: HostQuery, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // the response's close, not the request's: a GET's request closes as soon as it has been read
    const gone = new AbortController();
    reply.raw.once('close', () => gone.abort());
    const opened = await this.local.downloadEvents(id, q.host_id, gone.signal);
    if ('answer' in opened) return void reply.code(opened.answer.status).send(opened.answer.body);
    const { stream } = opened;
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no', 'x-request-id': req.id });
    gone.signal.addEventListener('abort', () => stream.destroy());
    stream.once('error', () => reply.raw.end());
    stream.pipe(reply.raw);
  }

  @Get(':id/settings')
  async settings(@Param('id', modelId) id: string, @Query({ schema: hostQuerySchema }) q: HostQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return passOn(reply, await this.local.forward(id, q.host_id, 'GET', '/settings'));
  }

  @Put(':id/settings')
  @Audit('local_model.settings_update', 'local_model')
  async updateSettings(
    @Param('id', modelId) id: string,
    @Query({ schema: hostQuerySchema }) q: HostQuery,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return passOn(reply, await this.local.forward(id, q.host_id, 'PUT', '/settings', body ?? {}));
  }

  @Get(':id/logs')
  async logs(@Param('id', modelId) id: string, @Query({ schema: hostLogsQuerySchema }) q: HostLogsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return passOn(reply, await this.local.forward(id, q.host_id, 'GET', `/logs?tail=${q.tail}`));
  }
}
