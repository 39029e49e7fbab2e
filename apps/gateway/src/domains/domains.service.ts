import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { CreateDomainParsed, Domain, UpdateDomainParsed } from '@aigw/shared/admin/domains';
import { CertificateEntity } from '../certificates/certificate.entity.js';
import { notCovering } from '../certificates/certificates.errors.js';
import { paginate } from '../common/paginate.js';
import { NamespaceEntity } from '../namespaces/namespace.entity.js';
import { assertNamespaceExists } from '../namespaces/namespace-refs.js';
import { parseRange } from '../policies/cidr.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { DomainEntity } from './domain.entity.js';
import { badAddress, domainNotFound, hostnameTaken, matcherConflict, unknownCertificate } from './domains.errors.js';
import { coversHost } from './host-names.js';

export const toDomain = (d: DomainEntity): Domain => ({
  id: d.id,
  hostname: d.hostname,
  namespace_id: d.namespaceId,
  certificate_id: d.certificateId,
  enabled: d.enabled,
  redirect_https: d.redirectHttps,
  hsts: d.hsts,
  cors_origins: d.corsOrigins,
  allowed_ips: d.allowedIps,
  created_at: d.createdAt.toISOString(),
  updated_at: d.updatedAt.toISOString(),
});

interface Target {
  hostname: string;
  namespaceId: string | null;
  certificateId: string | null;
  allowedIps: string[];
}

@Injectable()
export class DomainsService {
  constructor(
    private readonly db: DataSource,
    private readonly snapshot: SnapshotService,
  ) {}

  private get repo() {
    return this.db.getRepository(DomainEntity);
  }

  async create(input: CreateDomainParsed): Promise<Domain> {
    const target = { hostname: input.hostname, namespaceId: input.namespace_id ?? null, certificateId: input.certificate_id ?? null, allowedIps: input.allowed_ips };
    await this.validate(target);
    const id = randomUUID();
    await this.save(() =>
      this.repo.insert({
        id,
        ...target,
        enabled: input.enabled,
        redirectHttps: input.redirect_https,
        hsts: input.hsts,
        corsOrigins: [...new Set(input.cors_origins)],
      }),
    );
    return this.get(id);
  }

  async list(query: ListQuery): Promise<ListResponse<Domain>> {
    const { rows, hasMore } = await paginate(this.repo.createQueryBuilder('t'), 'domains', query);
    return { data: rows.map(toDomain), has_more: hasMore };
  }

  async get(id: string): Promise<Domain> {
    return toDomain(await this.find(id));
  }

  async update(id: string, input: UpdateDomainParsed): Promise<Domain> {
    const current = await this.find(id);
    const target: Target = {
      hostname: input.hostname ?? current.hostname,
      namespaceId: input.namespace_id === undefined ? current.namespaceId : input.namespace_id,
      certificateId: input.certificate_id === undefined ? current.certificateId : input.certificate_id,
      allowedIps: input.allowed_ips ?? current.allowedIps,
    };
    await this.validate(target);
    const changes: Partial<DomainEntity> = {
      ...target,
      ...(input.enabled !== undefined && { enabled: input.enabled }),
      ...(input.redirect_https !== undefined && { redirectHttps: input.redirect_https }),
      ...(input.hsts !== undefined && { hsts: input.hsts }),
      ...(input.cors_origins !== undefined && { corsOrigins: [...new Set(input.cors_origins)] }),
    };
    await this.save(() => this.repo.update({ id }, { ...changes, updatedAt: new Date() }));
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.find(id);
    await this.repo.delete({ id });
    await this.snapshot.changed();
  }

  private async find(id: string): Promise<DomainEntity> {
    const domain = await this.repo.findOneBy({ id });
    if (!domain) throw domainNotFound(id);
    return domain;
  }

  /** Addresses parse, the namespace and certificate exist, the certificate covers the name, no namespace matcher claims it for another namespace. */
  private async validate(t: Target): Promise<void> {
    t.allowedIps.forEach((value, i) => {
      try {
        parseRange(value);
      } catch {
        throw badAddress(`allowed_ips.${i}`, value);
      }
    });
    await assertNamespaceExists(this.db, t.namespaceId);
    if (t.certificateId) {
      const cert = await this.db.getRepository(CertificateEntity).findOneBy({ id: t.certificateId });
      if (!cert) throw unknownCertificate(t.certificateId);
      if (!coversHost(cert.sans, t.hostname)) throw notCovering('certificate_id', t.hostname, cert.sans);
    }
    const claimed = (await this.db.getRepository(NamespaceEntity).find()).find((n) => n.id !== t.namespaceId && n.matchers.domains?.includes(t.hostname));
    if (claimed) throw matcherConflict(t.hostname, claimed.name);
  }

  private async save(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw hostnameTaken();
      throw err;
    }
    await this.snapshot.changed();
  }
}
