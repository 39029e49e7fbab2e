import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Limits } from '@aigw/shared/admin/limits';

@Entity('policies')
export class PolicyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('jsonb', { nullable: true }) allowedModels!: string[] | null;
  @Column('jsonb') deniedModels!: string[];
  @Column('jsonb', { nullable: true }) allowedRoutes!: string[] | null;
  @Column('jsonb') deniedRoutes!: string[];
  @Column('jsonb') limits!: Limits;
  @Column('text') limitBy!: 'subject' | 'key' | 'client_ip';
  @Column('integer', { nullable: true }) maxRequestBytes!: number | null;
  @Column('jsonb', { nullable: true }) allowedIps!: string[] | null;
  @Column('boolean') logBodies!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
