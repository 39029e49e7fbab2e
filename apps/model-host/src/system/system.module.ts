import { Global, Module } from '@nestjs/common';
import { LogFileRepository } from './log-file.repository.js';
import { NvidiaSmiRepository } from './nvidia-smi.repository.js';
import { PortsRepository } from './ports.repository.js';
import { ProcessRepository } from './process.repository.js';
import { StorageRepository } from './storage.repository.js';

const repositories = [StorageRepository, NvidiaSmiRepository, ProcessRepository, PortsRepository, LogFileRepository];

/** The only code that touches the OS: file system, child processes, signals (ARCHITECTURE.md, model-host). */
@Global()
@Module({ providers: repositories, exports: repositories })
export class SystemModule {}
