import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Capability, HealthCheck, Provider } from '@aigw/shared/admin/sources';

@Entity('sources')
export class SourceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') provider!: Provider;
  @Column('jsonb') capabilities!: Capability[];
  @Column('integer', { nullable: true }) timeoutMs!: number | null;
  @Column('jsonb', { nullable: true }) healthCheck!: HealthCheck | null;
  @Column('text', { nullable: true }) apiVersion!: string | null;
  @Column('uuid', { nullable: true }) namespaceId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
