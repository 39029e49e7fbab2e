import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Limits } from '@aigw/shared/admin/limits';
import type { RouteMatch, RouteTarget, Strategy } from '@aigw/shared/admin/routes';

@Entity('routes')
export class RouteEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('jsonb') match!: RouteMatch;
  @Column('jsonb') targets!: RouteTarget[];
  @Column('text') strategy!: Strategy;
  @Column('jsonb') fallback!: RouteTarget[];
  @Column('integer') priority!: number;
  @Column('boolean') enabled!: boolean;
  @Column('uuid', { nullable: true }) namespaceId!: string | null;
  @Column('jsonb') limits!: Limits;
  @Column('jsonb') policyIds!: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
