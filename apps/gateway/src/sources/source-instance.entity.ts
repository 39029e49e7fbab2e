import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('source_instances')
export class SourceInstanceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') sourceId!: string;
  /** Order within the source, as the admin listed them. */
  @Column('integer') position!: number;
  @Column('text') url!: string;
  @Column('integer') weight!: number;
  /** AES-256-GCM sealed (SecretBox), never returned. */
  @Column('text', { nullable: true }) apiKeyEnc!: string | null;
  @Column('jsonb') headers!: Record<string, string>;
  @Column('boolean') enabled!: boolean;
  @Column('integer', { nullable: true }) maxConcurrent!: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
