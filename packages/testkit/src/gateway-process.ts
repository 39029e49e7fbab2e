import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { createTestRedisPrefix, type TestRedisPrefix } from './redis.js';
import { TEST_REDIS_URL } from './test-env.js';

export const GATEWAY_DIR = fileURLToPath(new URL('../../../apps/gateway/', import.meta.url));
export const ADMIN = { email: 'admin@test.local', password: 'admin-password-123' };

export type StorageMode = 'postgres' | 'embedded';

export interface StartOptions {
  storage: StorageMode;
  env?: Record<string, string>;
  /** Reuse a data directory (embedded restarts); a fresh temp dir otherwise. */
  dataDir?: string;
  /** Share a database / Redis prefix with another gateway (multi-replica tests). */
  database?: TestDatabase;
  redis?: TestRedisPrefix;
  /** Extra flags for node, e.g. ['--cpu-prof'] when profiling. */
  nodeArgs?: string[];
}

export interface GatewayProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM, wait for exit; returns the exit code. Leaves the database for `cleanup`. */
  stop(): Promise<number | null>;
  /** stop() plus removal of everything the run created: database, Redis keys, data dir. */
  cleanup(): Promise<void>;
}

/** Children still running when the test worker exits are killed, so a failed test never leaks a gateway. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode} during start-up:\n${output()}`);
    // Its own "listening" line first: with test files in parallel, another process could hold the
    // port picked a moment ago and answer /health itself.
    if (output().includes(`gateway listening on ${url}`)) {
      try {
        const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 200) return;
      } catch {
        // not answering yet
      }
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`gateway not healthy after ${timeoutMs} ms:\n${output()}`);
}

/** Starts the built gateway (`node dist/main.js`, what `pnpm start` runs) as a real child process. */
export async function startGateway(options: StartOptions): Promise<GatewayProcess> {
  const port = await freePort();
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'aigw-gw-')));
  const ownsDatabase = options.storage === 'postgres' && !options.database;
  const database = options.storage === 'postgres' ? (options.database ?? (await createTestDatabase())) : undefined;
  const redis = options.storage === 'postgres' ? (options.redis ?? createTestRedisPrefix()) : undefined;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'info',
    DATABASE_URL: database?.url ?? '',
    REDIS_URL: redis ? TEST_REDIS_URL : '',
    REDIS_PREFIX: redis?.prefix ?? '',
    ...options.env,
  };
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--enable-source-maps', 'dist/main.js'], { cwd: GATEWAY_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    }
    return child.exitCode;
  };

  const gateway: GatewayProcess = {
    url,
    port,
    dataDir,
    child,
    output: () => out,
    waitForOutput: (pattern, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(out)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`output never matched ${pattern}:\n${out}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    stop,
    async cleanup() {
      await stop();
      if (ownsDatabase) await database?.drop();
      if (!options.redis) await redis?.clear();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(url, child, () => out, 60_000);
  } catch (err) {
    await gateway.cleanup();
    throw err;
  }
  return gateway;
}
