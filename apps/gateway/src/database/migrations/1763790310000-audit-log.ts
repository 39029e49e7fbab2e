import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who changed what, when, with the resource before and after (secrets redacted). */
export class AuditLog1763790310000 implements MigrationInterface {
  name = 'AuditLog1763790310000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        resource_type text,
        resource_id text,
        before jsonb,
        after jsonb,
        outcome text NOT NULL CHECK (outcome IN ('pending', 'succeeded', 'failed')),
        status smallint,
        error_code text,
        request_id text,
        client_ip text
      )`);
    await q.query('CREATE INDEX audit_log_created_idx ON audit_log (created_at, id)');
    await q.query('CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, created_at)');
    await q.query('CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id, created_at)');
    await q.query('CREATE INDEX audit_log_action_idx ON audit_log (action, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS audit_log');
  }
}
