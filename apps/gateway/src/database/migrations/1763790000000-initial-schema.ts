import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763790000000 implements MigrationInterface {
  name = 'InitialSchema1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE INDEX users_page_idx ON users (created_at, id)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)`);

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        namespace_id uuid,
        models jsonb NOT NULL DEFAULT '[]',
        limits jsonb NOT NULL DEFAULT '{}',
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX api_keys_page_idx ON api_keys (created_at, id)`);

    await q.query(`
      CREATE TABLE sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        provider text NOT NULL,
        capabilities jsonb NOT NULL DEFAULT '[]',
        timeout_ms integer,
        health_check jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sources_page_idx ON sources (created_at, id)`);

    await q.query(`
      CREATE TABLE source_instances (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_id uuid NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        position integer NOT NULL,
        url text NOT NULL,
        weight integer NOT NULL DEFAULT 1,
        api_key_enc text,
        headers jsonb NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX source_instances_source_idx ON source_instances (source_id, position)`);

    await q.query(`
      CREATE TABLE routes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        match jsonb NOT NULL,
        targets jsonb NOT NULL,
        strategy text NOT NULL,
        fallback jsonb NOT NULL DEFAULT '[]',
        priority integer NOT NULL DEFAULT 0,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX routes_page_idx ON routes (created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['routes', 'source_instances', 'sources', 'api_keys', 'refresh_tokens', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
