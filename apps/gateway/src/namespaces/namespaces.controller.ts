import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idParamSchema, listQuerySchema, type ListQuery, type ListResponse } from '@aigw/shared/admin/common';
import { createNamespaceSchema, updateNamespaceSchema, type CreateNamespaceParsed, type Namespace, type UpdateNamespaceParsed } from '@aigw/shared/admin/namespaces';
import { AdminApi } from '../auth/admin-api.decorator.js';
import { NamespacesService } from './namespaces.service.js';

@ApiTags('namespaces')
@AdminApi()
@Controller('api/admin/namespaces')
export class NamespacesController {
  constructor(private readonly namespaces: NamespacesService) {}

  @Post()
  create(@Body({ schema: createNamespaceSchema }) body: CreateNamespaceParsed): Promise<Namespace> {
    return this.namespaces.create(body);
  }

  @Get()
  list(@Query({ schema: listQuerySchema }) query: ListQuery): Promise<ListResponse<Namespace>> {
    return this.namespaces.list(query);
  }

  @Get(':id')
  get(@Param('id', { schema: idParamSchema }) id: string): Promise<Namespace> {
    return this.namespaces.get(id);
  }

  @Patch(':id')
  update(@Param('id', { schema: idParamSchema }) id: string, @Body({ schema: updateNamespaceSchema }) body: UpdateNamespaceParsed): Promise<Namespace> {
    return this.namespaces.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', { schema: idParamSchema }) id: string): Promise<void> {
    await this.namespaces.remove(id);
  }
}
