import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CompanyDomainEntity } from './company-domain.entity.js';

export enum CompanyStatus {
  Confirmed = 'confirmed',
  Unconfirmed = 'unconfirmed',
}

export enum CompanySize {
  Tiny = '1-50',
  Small = '51-200',
  Medium = '201-1000',
  Large = '1001-5000',
  VeryLarge = '5001-10000',
  Huge = '10000+',
}

/** Shared reference data: neither identity nor anonymous side owns it. */
@Entity('companies')
export class CompanyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  /** The Chinese name, when the company has one (shown in the Chinese interface, searchable). */
  @Column({ name: 'name_zh', type: 'text', nullable: true })
  nameZh: string | null;

  /** Other names people search the company by (阿里, 字节), never shown as its name. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Column({ name: 'size_bucket', type: 'text', nullable: true })
  sizeBucket: CompanySize | null;

  @Column({ type: 'text', nullable: true })
  headquarters: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', default: CompanyStatus.Unconfirmed })
  status: CompanyStatus;

  /** Accounts verified within the verification period; kept by the identity side, read by both. */
  @Column({ name: 'verified_members', type: 'int', default: 0 })
  verifiedMembers: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany(() => CompanyDomainEntity, (domain) => domain.company)
  domains: Relation<CompanyDomainEntity>[];
}
