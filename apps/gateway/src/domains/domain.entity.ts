import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('domains')
export class DomainEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Lower-case; `*.example.com` for a wildcard. */
  @Column('text') hostname!: string;
  @Column('uuid', { nullable: true }) namespaceId!: string | null;
  @Column('uuid', { nullable: true }) certificateId!: string | null;
  @Column('boolean') enabled!: boolean;
  @Column('boolean') redirectHttps!: boolean;
  @Column('boolean') hsts!: boolean;
  @Column('jsonb') corsOrigins!: string[];
  @Column('jsonb') allowedIps!: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
