import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One data-plane request. Written only in batches by `UsageRecorder` (one multi-row INSERT), read by
 * the usage and monitoring queries; no foreign keys, so records outlive the keys, routes and sources
 * they name.
 */
@Entity('usage_records')
export class UsageRecordEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') requestId!: string;
  @Column('timestamptz') createdAt!: Date;
  @Column('uuid', { nullable: true }) keyId!: string | null;
  @Column('uuid', { nullable: true }) namespaceId!: string | null;
  @Column('uuid', { nullable: true }) routeId!: string | null;
  @Column('uuid', { nullable: true }) sourceId!: string | null;
  @Column('uuid', { nullable: true }) instanceId!: string | null;
  @Column('text') operation!: string;
  @Column('text', { nullable: true }) model!: string | null;
  @Column('text', { nullable: true }) upstreamModel!: string | null;
  @Column('integer') inputTokens!: number;
  @Column('integer') outputTokens!: number;
  @Column('boolean') estimated!: boolean;
  @Column('smallint') status!: number;
  @Column('text', { nullable: true }) errorCode!: string | null;
  @Column('integer') latencyMs!: number;
  @Column('integer', { nullable: true }) ttftMs!: number | null;
  @Column('text', { nullable: true }) clientIp!: string | null;
  @Column('text', { nullable: true }) requestBody!: string | null;
  @Column('text', { nullable: true }) responseBody!: string | null;
  @Column('boolean') bodiesTruncated!: boolean;
}
