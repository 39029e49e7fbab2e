import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Limits } from '@aigw/shared/admin/limits';
import type { NamespaceMatchers } from '@aigw/shared/admin/namespaces';

@Entity('namespaces')
export class NamespaceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('jsonb') matchers!: NamespaceMatchers;
  @Column('jsonb') limits!: Limits;
  @Column('jsonb') policyIds!: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
