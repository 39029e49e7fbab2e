import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('certificates')
export class CertificateEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  /** The validated chain, re-encoded: certificate blocks only. */
  @Column('text') certificatePem!: string;
  /** SecretBox-sealed PEM private key, bound to `certificateKeyContext(id)`. */
  @Column('text') privateKeyEnc!: string;
  @Column('boolean') isDefault!: boolean;
  @Column('text') subject!: string;
  @Column('text') issuer!: string;
  @Column('jsonb') sans!: string[];
  @Column('text') fingerprintSha256!: string;
  @Column('integer') chainLength!: number;
  @Column('timestamptz') notBefore!: Date;
  @Column('timestamptz') notAfter!: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/** The associated data a certificate's sealed private key is bound to. */
export const certificateKeyContext = (id: string): string => `certificate:${id}:private_key`;
