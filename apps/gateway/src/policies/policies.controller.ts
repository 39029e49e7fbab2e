import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idParamSchema, listQuerySchema, type ListQuery, type ListResponse } from '@aigw/shared/admin/common';
import { createPolicySchema, updatePolicySchema, type CreatePolicyParsed, type Policy, type UpdatePolicyParsed } from '@aigw/shared/admin/policies';
import { AdminApi } from '../auth/admin-api.decorator.js';
import { PoliciesService } from './policies.service.js';

@ApiTags('policies')
@AdminApi()
@Controller('api/admin/policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Post()
  create(@Body({ schema: createPolicySchema }) body: CreatePolicyParsed): Promise<Policy> {
    return this.policies.create(body);
  }

  @Get()
  list(@Query({ schema: listQuerySchema }) query: ListQuery): Promise<ListResponse<Policy>> {
    return this.policies.list(query);
  }

  @Get(':id')
  get(@Param('id', { schema: idParamSchema }) id: string): Promise<Policy> {
    return this.policies.get(id);
  }

  @Patch(':id')
  update(@Param('id', { schema: idParamSchema }) id: string, @Body({ schema: updatePolicySchema }) body: UpdatePolicyParsed): Promise<Policy> {
    return this.policies.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', { schema: idParamSchema }) id: string): Promise<void> {
    await this.policies.remove(id);
  }
}
