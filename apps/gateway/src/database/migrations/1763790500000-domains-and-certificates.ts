import type { MigrationInterface, QueryRunner } from 'typeorm';

/** TLS certificates (private keys sealed under MASTER_KEY) and the domains the gateway serves. */
export class DomainsAndCertificates1763790500000 implements MigrationInterface {
  name = 'DomainsAndCertificates1763790500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        certificate_pem text NOT NULL,
        private_key_enc text NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        subject text NOT NULL,
        issuer text NOT NULL,
        sans jsonb NOT NULL DEFAULT '[]',
        fingerprint_sha256 text NOT NULL,
        chain_length integer NOT NULL,
        not_before timestamptz NOT NULL,
        not_after timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX certificates_page_idx ON certificates (created_at, id)`);
    // at most one default certificate
    await q.query(`CREATE UNIQUE INDEX certificates_one_default ON certificates (is_default) WHERE is_default`);
    await q.query(`
      CREATE TABLE domains (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hostname text NOT NULL UNIQUE,
        namespace_id uuid REFERENCES namespaces (id) ON DELETE RESTRICT,
        certificate_id uuid REFERENCES certificates (id) ON DELETE RESTRICT,
        enabled boolean NOT NULL DEFAULT true,
        redirect_https boolean NOT NULL DEFAULT false,
        hsts boolean NOT NULL DEFAULT false,
        cors_origins jsonb NOT NULL DEFAULT '[]',
        allowed_ips jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX domains_page_idx ON domains (created_at, id)`);
    await q.query(`CREATE INDEX domains_certificate_idx ON domains (certificate_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS domains');
    await q.query('DROP TABLE IF EXISTS certificates');
  }
}
