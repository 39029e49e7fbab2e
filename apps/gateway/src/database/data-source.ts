import { DataSource, MigrationExecutor } from 'typeorm';
import { RefreshTokenEntity } from '../auth/refresh-token.entity.js';
import { AuditLogEntity } from '../audit/audit-log.entity.js';
import { ApiKeyEntity } from '../keys/api-key.entity.js';
import { RouteEntity } from '../routes/route.entity.js';
import { SourceInstanceEntity } from '../sources/source-instance.entity.js';
import { SourceEntity } from '../sources/source.entity.js';
import { UsageRecordEntity } from '../usage/usage-record.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { InitialSchema1763790000000 } from './migrations/1763790000000-initial-schema.js';
import { SystemSettings1763790100000 } from './migrations/1763790100000-system-settings.js';
import { InstanceLimitsAndApiVersion1763790200000 } from './migrations/1763790200000-instance-limits-and-api-version.js';
import { UsageRecords1763790300000 } from './migrations/1763790300000-usage-records.js';
import { AuditLog1763790310000 } from './migrations/1763790310000-audit-log.js';
import { NamespacesAndPolicies1763790400000 } from './migrations/1763790400000-namespaces-and-policies.js';
import { DomainsAndCertificates1763790500000 } from './migrations/1763790500000-domains-and-certificates.js';
import { CertificateEntity } from '../certificates/certificate.entity.js';
import { DomainEntity } from '../domains/domain.entity.js';
import { ModelHosts1763790600000 } from './migrations/1763790600000-model-hosts.js';
import { UsageBodies1763790700000 } from './migrations/1763790700000-usage-bodies.js';
import { UsageNamespacePartialIndex1763790800000 } from './migrations/1763790800000-usage-namespace-partial-index.js';
import { UsageRequestPartialIndex1763790900000 } from './migrations/1763790900000-usage-request-partial-index.js';
import { ModelHostEntity } from '../model-hosts/model-host.entity.js';
import { NamespaceEntity } from '../namespaces/namespace.entity.js';
import { PolicyEntity } from '../policies/policy.entity.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export const entities = [
  UserEntity,
  RefreshTokenEntity,
  ApiKeyEntity,
  SourceEntity,
  SourceInstanceEntity,
  RouteEntity,
  UsageRecordEntity,
  AuditLogEntity,
  NamespaceEntity,
  PolicyEntity,
  ModelHostEntity,
  CertificateEntity,
  DomainEntity,
];
export const migrations = [
  InitialSchema1763790000000,
  SystemSettings1763790100000,
  InstanceLimitsAndApiVersion1763790200000,
  UsageRecords1763790300000,
  AuditLog1763790310000,
  NamespacesAndPolicies1763790400000,
  DomainsAndCertificates1763790500000,
  ModelHosts1763790600000,
  UsageBodies1763790700000,
  UsageNamespacePartialIndex1763790800000,
  UsageRequestPartialIndex1763790900000,
];

/** Arbitrary constant: the advisory lock that keeps replicas from migrating at the same time. */
const MIGRATION_LOCK = 7_331_001;

export function createDataSource(url: string, options: { poolSize: number }): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: options.poolSize, connectionTimeoutMillis: 10_000 },
  });
}

/** Runs pending migrations under a Postgres advisory lock, so N replicas starting together migrate once. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // Same connection as the lock: the embedded database has a pool of one.
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const done = await executor.executePendingMigrations();
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
