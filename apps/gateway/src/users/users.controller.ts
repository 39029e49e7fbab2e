import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idParamSchema, listQuerySchema, type ListQuery, type ListResponse } from '@aigw/shared/admin/common';
import { createUserSchema, updateUserSchema, type CreateUserParsed, type UpdateUserParsed, type User } from '@aigw/shared/admin/users';
import { AdminApi } from '../auth/admin-api.decorator.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@AdminApi()
@Controller('api/admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body({ schema: createUserSchema }) body: CreateUserParsed): Promise<User> {
    return this.users.create(body);
  }

  @Get()
  list(@Query({ schema: listQuerySchema }) query: ListQuery): Promise<ListResponse<User>> {
    return this.users.list(query);
  }

  @Get(':id')
  get(@Param('id', { schema: idParamSchema }) id: string): Promise<User> {
    return this.users.get(id);
  }

  @Patch(':id')
  update(@Param('id', { schema: idParamSchema }) id: string, @Body({ schema: updateUserSchema }) body: UpdateUserParsed): Promise<User> {
    return this.users.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', { schema: idParamSchema }) id: string): Promise<void> {
    await this.users.remove(id);
  }
}
