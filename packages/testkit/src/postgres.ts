import pg from 'pg';
import { TEST_POSTGRES_URL, uniqueName } from './test-env.js';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on the shared server, for one gateway under test; dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = uniqueName('aigw_test');
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = TEST_POSTGRES_URL.replace(/\/postgres$/, `/${name}`);
  return {
    name,
    url,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
