import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Namespaces (multi-tenant isolation), policies, and who belongs to which namespace / carries which policies. */
export class NamespacesAndPolicies1763790400000 implements MigrationInterface {
  name = 'NamespacesAndPolicies1763790400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE namespaces (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        description text,
        matchers jsonb NOT NULL DEFAULT '{}',
        limits jsonb NOT NULL DEFAULT '{}',
        policy_ids jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX namespaces_page_idx ON namespaces (created_at, id)`);
    await q.query(`
      CREATE TABLE policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        description text,
        allowed_models jsonb,
        denied_models jsonb NOT NULL DEFAULT '[]',
        allowed_routes jsonb,
        denied_routes jsonb NOT NULL DEFAULT '[]',
        limits jsonb NOT NULL DEFAULT '{}',
        limit_by text NOT NULL DEFAULT 'subject' CHECK (limit_by IN ('subject', 'key', 'client_ip')),
        max_request_bytes integer,
        allowed_ips jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX policies_page_idx ON policies (created_at, id)`);
    await q.query(`ALTER TABLE api_keys ADD COLUMN policy_ids jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE api_keys ADD CONSTRAINT api_keys_namespace_fk FOREIGN KEY (namespace_id) REFERENCES namespaces (id) ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE routes ADD COLUMN namespace_id uuid REFERENCES namespaces (id) ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE routes ADD COLUMN limits jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE routes ADD COLUMN policy_ids jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE sources ADD COLUMN namespace_id uuid REFERENCES namespaces (id) ON DELETE RESTRICT`);
    // route names are unique per namespace now (global ones among themselves)
    await q.query(`ALTER TABLE routes DROP CONSTRAINT routes_name_key`);
    await q.query(`CREATE UNIQUE INDEX routes_name_key ON routes (COALESCE(namespace_id, '00000000-0000-0000-0000-000000000000'::uuid), name)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS routes_name_key`);
    await q.query(`ALTER TABLE routes ADD CONSTRAINT routes_name_key UNIQUE (name)`);
    await q.query(`ALTER TABLE sources DROP COLUMN IF EXISTS namespace_id`);
    await q.query(`ALTER TABLE routes DROP COLUMN IF EXISTS policy_ids, DROP COLUMN IF EXISTS limits, DROP COLUMN IF EXISTS namespace_id`);
    await q.query(`ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_namespace_fk`);
    await q.query(`ALTER TABLE api_keys DROP COLUMN IF EXISTS policy_ids`);
    await q.query(`DROP TABLE IF EXISTS policies`);
    await q.query(`DROP TABLE IF EXISTS namespaces`);
  }
}
