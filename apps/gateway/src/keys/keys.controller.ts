import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idParamSchema, listQuerySchema, type ListQuery, type ListResponse } from '@aigw/shared/admin/common';
import type { EffectivePolicy } from '@aigw/shared/admin/policies';
import { createKeySchema, updateKeySchema, type ApiKey, type CreatedApiKey, type CreateKeyParsed, type UpdateKeyParsed } from '@aigw/shared/admin/keys';
import { Audit } from '../audit/audit.decorator.js';
import { AdminApi } from '../auth/admin-api.decorator.js';
import type { AdminPrincipal } from '../auth/admin.guard.js';
import { CurrentAdmin } from '../auth/current-admin.decorator.js';
import { KeysService } from './keys.service.js';

@ApiTags('keys')
@AdminApi()
@Controller('api/admin/keys')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  /** The response is the only place the secret `key` ever appears. */
  @Post()
  create(@Body({ schema: createKeySchema }) body: CreateKeyParsed, @CurrentAdmin() admin: AdminPrincipal): Promise<CreatedApiKey> {
    return this.keys.create(body, admin.userId);
  }

  @Get()
  list(@Query({ schema: listQuerySchema }) query: ListQuery): Promise<ListResponse<ApiKey>> {
    return this.keys.list(query);
  }

  @Get(':id')
  get(@Param('id', { schema: idParamSchema }) id: string): Promise<ApiKey> {
    return this.keys.get(id);
  }

  @Get(':id/effective-policy')
  effectivePolicy(@Param('id', { schema: idParamSchema }) id: string): Promise<EffectivePolicy> {
    return this.keys.effectivePolicy(id);
  }

  @Patch(':id')
  update(@Param('id', { schema: idParamSchema }) id: string, @Body({ schema: updateKeySchema }) body: UpdateKeyParsed): Promise<ApiKey> {
    return this.keys.update(id, body);
  }

  /** Revokes: the key stops working at once, on every replica within a second. */
  @Delete(':id')
  @HttpCode(204)
  @Audit('key.revoke', 'key')
  async revoke(@Param('id', { schema: idParamSchema }) id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
