/** Where the shared test services live (README: a real Postgres and Redis on 127.0.0.1). */
export const TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** A name no other test run on the shared servers will pick. */
export const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
