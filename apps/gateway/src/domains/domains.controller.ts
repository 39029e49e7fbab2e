import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idParamSchema, listQuerySchema, type ListQuery, type ListResponse } from '@aigw/shared/admin/common';
import { createDomainSchema, updateDomainSchema, type CreateDomainParsed, type Domain, type UpdateDomainParsed } from '@aigw/shared/admin/domains';
import { AdminApi } from '../auth/admin-api.decorator.js';
import { DomainsService } from './domains.service.js';

@ApiTags('domains')
@AdminApi()
@Controller('api/admin/domains')
export class DomainsController {
  constructor(private readonly domains: DomainsService) {}

  @Post()
  create(@Body({ schema: createDomainSchema }) body: CreateDomainParsed): Promise<Domain> {
    return this.domains.create(body);
  }

  @Get()
  list(@Query({ schema: listQuerySchema }) query: ListQuery): Promise<ListResponse<Domain>> {
    return this.domains.list(query);
  }

  @Get(':id')
  get(@Param('id', { schema: idParamSchema }) id: string): Promise<Domain> {
    return this.domains.get(id);
  }

  @Patch(':id')
  update(@Param('id', { schema: idParamSchema }) id: string, @Body({ schema: updateDomainSchema }) body: UpdateDomainParsed): Promise<Domain> {
    return this.domains.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', { schema: idParamSchema }) id: string): Promise<void> {
    await this.domains.remove(id);
  }
}
