import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AuditOutcome } from '@aigw/shared/admin/audit';

/** One admin change (or attempt). Rows are only ever inserted and then completed once, never deleted. */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryColumn('uuid') id!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('text', { nullable: true }) actorEmail!: string | null;
  @Column('text') action!: string;
  @Column('text', { nullable: true }) resourceType!: string | null;
  @Column('text', { nullable: true }) resourceId!: string | null;
  /** The resource before the change, redacted (any JSON value). */
  @Column('jsonb', { nullable: true }) before!: object | string | number | boolean | null;
  @Column('jsonb', { nullable: true }) after!: object | string | number | boolean | null;
  @Column('text') outcome!: AuditOutcome;
  @Column('smallint', { nullable: true }) status!: number | null;
  @Column('text', { nullable: true }) errorCode!: string | null;
  @Column('text', { nullable: true }) requestId!: string | null;
  @Column('text', { nullable: true }) clientIp!: string | null;
}
