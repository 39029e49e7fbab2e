import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idParamSchema, listQuerySchema, type ListQuery, type ListResponse } from '@aigw/shared/admin/common';
import { createRouteSchema, updateRouteSchema, type CreateRouteParsed, type Route, type UpdateRouteParsed } from '@aigw/shared/admin/routes';
import { AdminApi } from '../auth/admin-api.decorator.js';
import { RoutesService } from './routes.service.js';

@ApiTags('routes')
@AdminApi()
@Controller('api/admin/routes')
export class RoutesController {
  constructor(private readonly routes: RoutesService) {}

  @Post()
  create(@Body({ schema: createRouteSchema }) body: CreateRouteParsed): Promise<Route> {
    return this.routes.create(body);
  }

  @Get()
  list(@Query({ schema: listQuerySchema }) query: ListQuery): Promise<ListResponse<Route>> {
    return this.routes.list(query);
  }

  @Get(':id')
  get(@Param('id', { schema: idParamSchema }) id: string): Promise<Route> {
    return this.routes.get(id);
  }

  @Patch(':id')
  update(@Param('id', { schema: idParamSchema }) id: string, @Body({ schema: updateRouteSchema }) body: UpdateRouteParsed): Promise<Route> {
    return this.routes.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', { schema: idParamSchema }) id: string): Promise<void> {
    await this.routes.remove(id);
  }
}
