import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per data-plane request, with the indexes the admin and monitoring queries use. */
export class UsageRecords1763790300000 implements MigrationInterface {
  name = 'UsageRecords1763790300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE usage_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id text NOT NULL,
        created_at timestamptz NOT NULL,
        key_id uuid,
        namespace_id uuid,
        route_id uuid,
        source_id uuid,
        instance_id uuid,
        operation text NOT NULL,
        model text,
        upstream_model text,
        input_tokens integer NOT NULL DEFAULT 0,
        output_tokens integer NOT NULL DEFAULT 0,
        estimated boolean NOT NULL DEFAULT false,
        status smallint NOT NULL,
        error_code text,
        latency_ms integer NOT NULL,
        ttft_ms integer,
        client_ip text
      )`);
    // Newest-first pages and time ranges (also the retention job's scan).
    await q.query('CREATE INDEX usage_records_created_idx ON usage_records (created_at, id)');
    // Filters and groupings of /api/admin/usage and /api/v1/monitoring, each within a time range.
    await q.query('CREATE INDEX usage_records_key_idx ON usage_records (key_id, created_at)');
    await q.query('CREATE INDEX usage_records_namespace_idx ON usage_records (namespace_id, created_at)');
    await q.query('CREATE INDEX usage_records_model_idx ON usage_records (model, created_at)');
    await q.query('CREATE INDEX usage_records_source_idx ON usage_records (source_id, created_at)');
    await q.query('CREATE INDEX usage_records_request_idx ON usage_records (request_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS usage_records');
  }
}
