import { closeSync, existsSync, fstatSync, openSync, renameSync, rmSync, writeSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Injectable } from '@nestjs/common';

/** An append-only log file that can be rotated to `<file>.1` (the one old file kept). */
export interface LogSink {
  size(): number;
  write(text: string): void;
  rotate(): void;
  close(): void;
}

class FileLogSink implements LogSink {
  private fd: number;
  private bytes: number;

  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, 'a');
    this.bytes = fstatSync(this.fd).size;
  }

  size(): number {
    return this.bytes;
  }

  /** Synchronous, so the lines are on disk even when the host is killed the next instant. */
  write(text: string): void {
    const buffer = Buffer.from(text, 'utf8');
    writeSync(this.fd, buffer);
    this.bytes += buffer.length;
  }

  rotate(): void {
    closeSync(this.fd);
    const old = `${this.file}.1`;
    if (existsSync(old)) rmSync(old, { force: true });
    renameSync(this.file, old);
    this.fd = openSync(this.file, 'a');
    this.bytes = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}

@Injectable()
export class LogFileRepository {
  open(file: string): LogSink {
    return new FileLogSink(file);
  }
}
