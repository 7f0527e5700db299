import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { CompanyEntity } from './company.entity.js';

/** An email domain (registrable, lowercase ASCII) that maps to exactly one company. */
@Entity('company_domains')
export class CompanyDomainEntity {
  @PrimaryColumn({ type: 'text' })
  domain: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ type: 'boolean', default: false })
  primary: boolean;

  @ManyToOne(() => CompanyEntity, (company) => company.domains, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id' })
  company: Relation<CompanyEntity>;
}
