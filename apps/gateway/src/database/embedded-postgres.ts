import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Small buffers: the embedded database serves one gateway's configuration, not a warehouse. */
export const EMBEDDED_POSTGRES_CONF = ['shared_buffers=16MB', 'wal_buffers=512kB'];

/**
 * Creates the database files in a short-lived child process: WebAssembly memory never shrinks, and
 * initdb's peak (hundreds of MB) would otherwise stay with the gateway for its whole life.
 */
async function initialise(dir: string): Promise<void> {
  const script = fileURLToPath(new URL('./embedded-initdb.js', import.meta.url));
  const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`could not initialise the embedded database in ${dir}: ${stderr.trim() || `exit ${code}`}`);
}

/**
 * Real Postgres (PGlite, WASM) on a file in DATA_DIR, served on a loopback port so the same `pg`
 * driver, entities and migrations run as against a server. One connection: PGlite is single-session.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const dir = path.join(dataDir, 'pgdata');
  await mkdir(dir, { recursive: true });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await initialise(dir);
  const db = await PGlite.create(dir, { postgresqlconf: EMBEDDED_POSTGRES_CONF });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
