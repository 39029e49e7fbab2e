import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { DownloadsService } from './downloads.service.js';
import { HttpClient } from './http-client.js';

@Module({ imports: [CatalogModule], providers: [DownloadsService, HttpClient], exports: [DownloadsService] })
export class DownloadsModule {}
