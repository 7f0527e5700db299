import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ContentStatus, type StoredContentStatus } from './content-status.js';

export type CeoApproval = 'approve' | 'no_opinion' | 'disapprove';
export type Outlook = 'positive' | 'neutral' | 'negative';
export type Employment = 'current' | 'former';
export type TenureBucket = 'lt1' | '1to3' | '3to5' | '5to10' | 'gt10';

/** A company review, paid with a review token. */
@Entity('reviews')
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'author_key', type: 'bytea' })
  authorKey: Buffer;

  @Column({ type: 'smallint' })
  overall: number;

  @Column({ type: 'smallint' })
  culture: number;

  @Column({ name: 'work_life', type: 'smallint' })
  workLife: number;

  @Column({ name: 'senior_management', type: 'smallint' })
  seniorManagement: number;

  @Column({ type: 'smallint' })
  compensation: number;

  @Column({ type: 'smallint' })
  career: number;

  @Column({ type: 'smallint' })
  diversity: number;

  @Column({ name: 'ceo_approval', type: 'text' })
  ceoApproval: CeoApproval;

  @Column({ type: 'boolean' })
  recommend: boolean;

  @Column({ type: 'text' })
  outlook: Outlook;

  @Column({ type: 'text' })
  employment: Employment;

  @Column({ name: 'job_title', type: 'text', nullable: true })
  jobTitle: string | null;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ type: 'text', nullable: true })
  tenure: TenureBucket | null;

  @Column({ type: 'text' })
  pros: string;

  @Column({ type: 'text' })
  cons: string;

  @Column({ type: 'text', nullable: true })
  advice: string | null;

  @Column({ type: 'text', default: ContentStatus.Pending })
  status: StoredContentStatus;

  @Column({ type: 'int', default: 0 })
  revision: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  /** Order of publication (one sequence for all content), set in the statement that publishes; NULL until then. */
  @Column({ name: 'published_seq', type: 'bigint', nullable: true, insert: false, update: false })
  publishedSeq: string | null;

  @Column({ name: 'helpful_count', type: 'int', default: 0 })
  helpfulCount: number;

  @Column({
    name: 'search_vector',
    type: 'tsvector',
    select: false,
    insert: false,
    update: false,
  })
  searchVector: string;
}
