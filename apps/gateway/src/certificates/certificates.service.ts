import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Certificate, CreateCertificateParsed, UpdateCertificateParsed } from '@aigw/shared/admin/certificates';
import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import { paginate } from '../common/paginate.js';
import { SecretBox } from '../crypto/secret-box.js';
import { DomainEntity } from '../domains/domain.entity.js';
import { coversHost } from '../domains/host-names.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { CertificateEntity, certificateKeyContext } from './certificate.entity.js';
import { certificateInUse, certificateNameTaken, defaultRace, certificateNotFound, keyWithoutCertificate, notCovering } from './certificates.errors.js';
import { daysLeft, validateCertificate, type CertificateFacts } from './pem-validation.js';

export function toCertificate(c: CertificateEntity, domainIds: string[], now = Date.now()): Certificate {
  return {
    id: c.id,
    name: c.name,
    subject: c.subject,
    issuer: c.issuer,
    sans: c.sans,
    fingerprint_sha256: c.fingerprintSha256,
    not_before: c.notBefore.toISOString(),
    not_after: c.notAfter.toISOString(),
    days_left: daysLeft(c.notAfter, now),
    default: c.isDefault,
    chain_length: c.chainLength,
    domain_ids: domainIds,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

const factColumns = (f: CertificateFacts): Partial<CertificateEntity> => ({
  certificatePem: f.chainPem,
  subject: f.subject,
  issuer: f.issuer,
  sans: f.sans,
  fingerprintSha256: f.fingerprintSha256,
  chainLength: f.chainLength,
  notBefore: f.notBefore,
  notAfter: f.notAfter,
});

/** Certificates: validated before saving, private keys sealed under MASTER_KEY, every change pushed to the TLS listeners. */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly snapshot: SnapshotService,
  ) {}

  private get repo() {
    return this.db.getRepository(CertificateEntity);
  }

  async create(input: CreateCertificateParsed): Promise<Certificate> {
    const facts = validateCertificate(input.certificate, input.private_key, new Date());
    const id = randomUUID();
    await this.save(input.default === true, id, (tx) =>
      tx.insert(CertificateEntity, {
        id,
        name: input.name,
        ...factColumns(facts),
        privateKeyEnc: this.secrets.seal(input.private_key, certificateKeyContext(id)),
        isDefault: input.default === true,
      }),
    );
    return this.get(id);
  }

  async list(query: ListQuery): Promise<ListResponse<Certificate>> {
    const { rows, hasMore } = await paginate(this.repo.createQueryBuilder('t'), 'certificates', query);
    const uses = await this.domainsUsing(rows.map((r) => r.id));
    return { data: rows.map((c) => toCertificate(c, (uses.get(c.id) ?? []).map((d) => d.id))), has_more: hasMore };
  }

  async get(id: string): Promise<Certificate> {
    const cert = await this.find(id);
    const uses = await this.domainsUsing([id]);
    return toCertificate(cert, (uses.get(id) ?? []).map((d) => d.id));
  }

  /** Replaces any part; a new certificate alone is checked against the stored key (renewal with the same key). */
  async update(id: string, input: UpdateCertificateParsed): Promise<Certificate> {
    const current = await this.find(id);
    const changes: Partial<CertificateEntity> = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.default !== undefined && { isDefault: input.default }),
    };
    if (input.private_key !== undefined && input.certificate === undefined) throw keyWithoutCertificate();
    if (input.certificate !== undefined) {
      const key = input.private_key ?? this.secrets.open(current.privateKeyEnc, certificateKeyContext(id));
      const facts = validateCertificate(input.certificate, key, new Date());
      await this.assertStillCovers(id, facts.sans);
      Object.assign(changes, factColumns(facts));
      if (input.private_key !== undefined) changes.privateKeyEnc = this.secrets.seal(input.private_key, certificateKeyContext(id));
    }
    await this.save(input.default === true, id, (tx) => tx.update(CertificateEntity, { id }, { ...changes, updatedAt: new Date() }));
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.find(id);
    const users = (await this.domainsUsing([id])).get(id);
    if (users?.length) throw certificateInUse(users.map((d) => d.hostname));
    try {
      await this.repo.delete({ id });
    } catch (err) {
      // a domain took it in the meantime
      if ((err as { code?: string }).code === '23503') throw certificateInUse([]);
      throw err;
    }
    await this.snapshot.changed();
  }

  private async find(id: string): Promise<CertificateEntity> {
    const cert = await this.repo.findOneBy({ id });
    if (!cert) throw certificateNotFound(id);
    return cert;
  }

  private async domainsUsing(ids: string[]): Promise<Map<string, DomainEntity[]>> {
    const byCert = new Map<string, DomainEntity[]>();
    if (!ids.length) return byCert;
    const domains = await this.db.getRepository(DomainEntity).find({ where: { certificateId: In(ids) }, order: { createdAt: 'ASC' } });
    for (const d of domains) byCert.set(d.certificateId!, [...(byCert.get(d.certificateId!) ?? []), d]);
    return byCert;
  }

  /** A replacement must still cover the domains that name the certificate. */
  private async assertStillCovers(id: string, sans: readonly string[]): Promise<void> {
    for (const d of (await this.domainsUsing([id])).get(id) ?? []) {
      if (!coversHost(sans, d.hostname)) throw notCovering('certificate', d.hostname, sans);
    }
  }

  /** One write; making a certificate the default takes the flag from the previous one in the same transaction. */
  private async save(makeDefault: boolean, id: string, write: (tx: EntityManager) => Promise<unknown>): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        if (makeDefault) await tx.query('UPDATE certificates SET is_default = false WHERE is_default AND id <> $1', [id]);
        await write(tx);
      });
    } catch (err) {
      const { code, constraint } = err as { code?: string; constraint?: string };
      if (code === '23505' && constraint === 'certificates_one_default') throw defaultRace();
      if (code === '23505') throw certificateNameTaken();
      throw err;
    }
    await this.snapshot.changed();
  }
}
