import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { RunningModel } from '@aigw/shared/admin/model-hosts';

@Entity('model_hosts')
export class ModelHostEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  /** Base URL without a trailing slash. */
  @Column('text') url!: string;
  /** The host's bearer token, AES-256-GCM sealed (SecretBox, `hostTokenContext`), never returned. */
  @Column('text') tokenEnc!: string;
  /** What the host last said it serves; the routing snapshot turns these into routes. */
  @Column('jsonb') runningModels!: RunningModel[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/** The associated data a host's sealed token is bound to. */
export const hostTokenContext = (hostId: string): string => `model-host:${hostId}:token`;
