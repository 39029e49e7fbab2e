import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deployment-wide values every replica must agree on (e.g. checks of the shared secrets). */
export class SystemSettings1763790100000 implements MigrationInterface {
  name = 'SystemSettings1763790100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE system_settings (
        key text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS system_settings');
  }
}
