import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idParamSchema, listQuerySchema, type ListQuery, type ListResponse } from '@aigw/shared/admin/common';
import {
  createSourceSchema,
  testConnectionSchema,
  updateSourceSchema,
  type CreateSourceParsed,
  type Source,
  type TestConnectionParsed,
  type TestConnectionResult,
  type UpdateSourceParsed,
} from '@aigw/shared/admin/sources';
import { AdminApi } from '../auth/admin-api.decorator.js';
import { SourcesService } from './sources.service.js';

@ApiTags('sources')
@AdminApi()
@Controller('api/admin/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Post()
  create(@Body({ schema: createSourceSchema }) body: CreateSourceParsed): Promise<Source> {
    return this.sources.create(body);
  }

  /** Can the gateway reach this upstream? Used by the dashboard's "test connection" before or after saving. */
  @Post('test')
  @HttpCode(200)
  testConnection(@Body({ schema: testConnectionSchema }) body: TestConnectionParsed): Promise<TestConnectionResult> {
    return this.sources.testConnection(body);
  }

  @Get()
  list(@Query({ schema: listQuerySchema }) query: ListQuery): Promise<ListResponse<Source>> {
    return this.sources.list(query);
  }

  @Get(':id')
  get(@Param('id', { schema: idParamSchema }) id: string): Promise<Source> {
    return this.sources.get(id);
  }

  @Patch(':id')
  update(@Param('id', { schema: idParamSchema }) id: string, @Body({ schema: updateSourceSchema }) body: UpdateSourceParsed): Promise<Source> {
    return this.sources.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', { schema: idParamSchema }) id: string): Promise<void> {
    await this.sources.remove(id);
  }
}
