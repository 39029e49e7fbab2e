import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Request and response bodies, kept with the usage record only when a policy asks (`log_bodies`). */
export class UsageBodies1763790700000 implements MigrationInterface {
  name = 'UsageBodies1763790700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE policies ADD COLUMN log_bodies boolean NOT NULL DEFAULT false');
    // Null columns cost nothing in a row: records without bodies stay as small as before.
    await q.query('ALTER TABLE usage_records ADD COLUMN request_body text, ADD COLUMN response_body text, ADD COLUMN bodies_truncated boolean NOT NULL DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE usage_records DROP COLUMN request_body, DROP COLUMN response_body, DROP COLUMN bodies_truncated');
    await q.query('ALTER TABLE policies DROP COLUMN log_bodies');
  }
}
