import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-instance concurrency caps and Azure's api-version on sources. */
export class InstanceLimitsAndApiVersion1763790200000 implements MigrationInterface {
  name = 'InstanceLimitsAndApiVersion1763790200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE source_instances ADD COLUMN max_concurrent integer');
    await q.query('ALTER TABLE sources ADD COLUMN api_version text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE source_instances DROP COLUMN IF EXISTS max_concurrent');
    await q.query('ALTER TABLE sources DROP COLUMN IF EXISTS api_version');
  }
}
