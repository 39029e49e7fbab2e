import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  createCertificateSchema,
  updateCertificateSchema,
  type Certificate,
  type CreateCertificateParsed,
  type UpdateCertificateParsed,
} from '@aigw/shared/admin/certificates';
import { idParamSchema, listQuerySchema, type ListQuery, type ListResponse } from '@aigw/shared/admin/common';
import { AdminApi } from '../auth/admin-api.decorator.js';
import { CertificatesService } from './certificates.service.js';

/** JSON or multipart/form-data bodies (the same field names; files such as cert.pem work too). */
@ApiTags('certificates')
@AdminApi()
@Controller('api/admin/certificates')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Post()
  create(@Body({ schema: createCertificateSchema }) body: CreateCertificateParsed): Promise<Certificate> {
    return this.certificates.create(body);
  }

  @Get()
  list(@Query({ schema: listQuerySchema }) query: ListQuery): Promise<ListResponse<Certificate>> {
    return this.certificates.list(query);
  }

  @Get(':id')
  get(@Param('id', { schema: idParamSchema }) id: string): Promise<Certificate> {
    return this.certificates.get(id);
  }

  @Patch(':id')
  update(@Param('id', { schema: idParamSchema }) id: string, @Body({ schema: updateCertificateSchema }) body: UpdateCertificateParsed): Promise<Certificate> {
    return this.certificates.update(id, body);
  }

  /** The whole certificate again: a rotation. */
  @Put(':id')
  replace(@Param('id', { schema: idParamSchema }) id: string, @Body({ schema: createCertificateSchema }) body: CreateCertificateParsed): Promise<Certificate> {
    return this.certificates.update(id, { ...body, default: body.default ?? false });
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', { schema: idParamSchema }) id: string): Promise<void> {
    await this.certificates.remove(id);
  }
}
