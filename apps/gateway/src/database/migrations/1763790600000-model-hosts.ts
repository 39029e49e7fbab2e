import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Model hosts registered in the gateway, with the models each one was last seen running (routing reads these). */
export class ModelHosts1763790600000 implements MigrationInterface {
  name = 'ModelHosts1763790600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE model_hosts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        url text NOT NULL,
        token_enc text NOT NULL,
        running_models jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX model_hosts_page_idx ON model_hosts (created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE model_hosts`);
  }
}
