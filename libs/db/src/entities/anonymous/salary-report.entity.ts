import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ContentStatus, type StoredContentStatus } from './content-status.js';
import type { TenureBucket } from './review.entity.js';

export type SalaryEmploymentType = 'full_time' | 'part_time' | 'contract' | 'intern';

/**
 * One salary report, paid with an ARC presentation in the context
 * salary:<company id>. Stored as given; no API ever returns one report's
 * amounts (only salary_groups). No free text beyond title, level and city.
 */
@Entity('salary_reports')
export class SalaryReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  /** The report's own Ed25519 public key (delete capability, moderation appeals). */
  @Column({ name: 'author_key', type: 'bytea' })
  authorKey: Buffer;

  @Column({ name: 'job_title', type: 'text' })
  jobTitle: string;

  /** Normalised title: a key of the title list, or the free text folded to lower case. */
  @Column({ name: 'title_key', type: 'text' })
  titleKey: string;

  @Column({ type: 'text', nullable: true })
  level: string | null;

  @Column({ name: 'level_key', type: 'text', nullable: true })
  levelKey: string | null;

  @Column({ type: 'text' })
  city: string;

  @Column({ name: 'city_key', type: 'text' })
  cityKey: string;

  @Column({ type: 'text' })
  experience: TenureBucket;

  @Column({ type: 'text' })
  tenure: TenureBucket;

  @Column({ name: 'employment_type', type: 'text' })
  employmentType: SalaryEmploymentType;

  @Column({ type: 'text' })
  currency: string;

  /** bigint columns: pg returns strings; amounts per year in `currency`. */
  @Column({ name: 'base_pay', type: 'bigint' })
  basePay: string;

  @Column({ type: 'bigint' })
  bonus: string;

  @Column({ type: 'bigint' })
  stock: string;

  @Column({ name: 'sign_on', type: 'bigint', nullable: true })
  signOn: string | null;

  @Column({ type: 'text', default: ContentStatus.Pending })
  status: StoredContentStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'published_seq', type: 'bigint', nullable: true, insert: false, update: false })
  publishedSeq: string | null;

  /** Development seed data (SEED_DEMO_SALARIES), never written in production. */
  @Column({ type: 'boolean', default: false })
  demo: boolean;
}
