import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idParamSchema, listQuerySchema, type ListQuery, type ListResponse } from '@aigw/shared/admin/common';
import {
  createModelHostSchema,
  updateModelHostSchema,
  type CreateModelHostParsed,
  type ModelHost,
  type UpdateModelHostParsed,
} from '@aigw/shared/admin/model-hosts';
import { AdminApi } from '../auth/admin-api.decorator.js';
import { ModelHostsService } from './model-hosts.service.js';

@ApiTags('model-hosts')
@AdminApi()
@Controller('api/admin/model-hosts')
export class ModelHostsController {
  constructor(private readonly hosts: ModelHostsService) {}

  @Post()
  create(@Body({ schema: createModelHostSchema }) body: CreateModelHostParsed): Promise<ModelHost> {
    return this.hosts.create(body);
  }

  @Get()
  list(@Query({ schema: listQuerySchema }) query: ListQuery): Promise<ListResponse<ModelHost>> {
    return this.hosts.list(query);
  }

  @Get(':id')
  get(@Param('id', { schema: idParamSchema }) id: string): Promise<ModelHost> {
    return this.hosts.get(id);
  }

  @Patch(':id')
  update(@Param('id', { schema: idParamSchema }) id: string, @Body({ schema: updateModelHostSchema }) body: UpdateModelHostParsed): Promise<ModelHost> {
    return this.hosts.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', { schema: idParamSchema }) id: string): Promise<void> {
    await this.hosts.remove(id);
  }
}
