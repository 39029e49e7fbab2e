import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, readFile, realpath, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';

export type FileHash = 'sha256' | 'git-sha1';

/** The file system, as the rest of the model host sees it (fakeable in unit tests). */
@Injectable()
export class StorageRepository {
  async ensureDir(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
  }

  /** The file's text, or undefined when it does not exist. */
  async readText(file: string): Promise<string | undefined> {
    try {
      return await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Writes through a temp file and a rename, so a reader never sees half a file. */
  async writeAtomic(file: string, content: string, mode = 0o644): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`;
    const handle = await open(tmp, 'w', mode);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(tmp, mode);
    await rename(tmp, file);
  }

  /** Names of the sub-directories of `dir` ([] when it does not exist). */
  async listDirs(dir: string): Promise<string[]> {
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      return entries.filter((e) => e.isDirectory()).map((e) => e.name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  /** Regular files under `dir`, relative, "/"-separated, symlinks not followed, at most `limit`. */
  async listFiles(dir: string, limit = 10_000): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(path.join(dir, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (out.length >= limit) return;
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) await walk(child);
        else if (e.isFile()) out.push(child);
      }
    };
    await walk('');
    return out;
  }

  async exists(file: string): Promise<boolean> {
    try {
      await stat(file);
      return true;
    } catch {
      return false;
    }
  }

  /** Size of a regular file, or undefined when there is none. */
  async fileSize(file: string): Promise<number | undefined> {
    try {
      const info = await lstat(file);
      return info.isFile() ? info.size : undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async removeTree(dir: string): Promise<void> {
    await rm(dir, { recursive: true, force: true });
  }

  async remove(file: string): Promise<void> {
    await rm(file, { force: true });
  }

  async rename(from: string, to: string): Promise<void> {
    await mkdir(path.dirname(to), { recursive: true });
    await rename(from, to);
  }

  /** Bytes an unprivileged writer can still use on the file system holding `dir`. */
  async freeBytes(dir: string): Promise<number> {
    const info = await statfs(dir);
    return Number(info.bavail) * Number(info.bsize);
  }

  /**
   * Is `target` really inside `root` on disk? Every existing part of the path is resolved (symlinks
   * followed), so a directory or file planted as a symlink pointing outside is caught. An existing
   * target that is itself a symlink is refused too.
   */
  async isInside(root: string, target: string): Promise<boolean> {
    const realRoot = await realpath(root);
    try {
      if ((await lstat(target)).isSymbolicLink()) return false;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    let existing = path.dirname(target);
    for (;;) {
      try {
        const real = await realpath(existing);
        const rest = path.relative(existing, path.dirname(target));
        const resolved = path.join(real, rest, path.basename(target));
        return resolved === realRoot || resolved.startsWith(`${realRoot}${path.sep}`);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        const parent = path.dirname(existing);
        if (parent === existing) return false;
        existing = parent;
      }
    }
  }

  /** A stream appending to `file` (created with its directories), or writing it anew with `truncate`. */
  async openWrite(file: string, options: { truncate: boolean }): Promise<Writable> {
    await mkdir(path.dirname(file), { recursive: true });
    const stream = createWriteStream(file, { flags: options.truncate ? 'w' : 'a' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return stream;
  }

  /** The file's sha256, or its git blob id (sha1 of "blob <size>\0" + content), in hex. */
  async hashFile(file: string, kind: FileHash): Promise<string> {
    const hash = createHash(kind === 'sha256' ? 'sha256' : 'sha1');
    if (kind === 'git-sha1') hash.update(`blob ${(await stat(file)).size}\0`);
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  /** The last `maxBytes` of a file ('' when it does not exist). */
  async readTail(file: string, maxBytes: number): Promise<string> {
    let handle;
    try {
      handle = await open(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw err;
    }
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, maxBytes);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  }

  async writeText(file: string, content: string): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}
