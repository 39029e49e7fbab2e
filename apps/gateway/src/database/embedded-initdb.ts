// Run as a child process by embedded-postgres.ts: creates a PGlite data directory, then exits,
// taking initdb's memory with it.
import { PGlite } from '@electric-sql/pglite';
import { EMBEDDED_POSTGRES_CONF } from './embedded-postgres.js';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: embedded-initdb <data dir>\n');
  process.exit(2);
}
const db = await PGlite.create(dir, { postgresqlconf: EMBEDDED_POSTGRES_CONF });
await db.query('SELECT 1');
await db.close();
