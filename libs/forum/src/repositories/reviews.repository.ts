import { Injectable } from '@nestjs/common';
import {
  ContentStatus,
  InjectForumDb,
  ReviewEntity,
  type CeoApproval,
  type Employment,
  type Outlook,
  type StoredContentStatus,
  type TenureBucket,
} from '@unlinked/db/anonymous';
import { escapeLike, type CursorPart } from '@unlinked/platform';
import { DataSource, Not, type EntityManager } from 'typeorm';
import { ReviewSort } from '../models/forum-enums.js';
import type { ReviewScores } from './review-stats.repository.js';
import { returned } from './sql-result.js';
import type { After } from './threads.repository.js';

/** What an author writes in a review (and may edit). */
export type ReviewFields = Pick<
  ReviewEntity,
  | 'overall'
  | 'culture'
  | 'workLife'
  | 'seniorManagement'
  | 'compensation'
  | 'career'
  | 'diversity'
  | 'ceoApproval'
  | 'recommend'
  | 'outlook'
  | 'employment'
  | 'jobTitle'
  | 'location'
  | 'tenure'
  | 'pros'
  | 'cons'
  | 'advice'
>;

/** The column of each review field, in the order of the signed message. */
const FIELD_COLUMNS: Record<keyof ReviewFields, string> = {
  overall: 'overall',
  culture: 'culture',
  workLife: 'work_life',
  seniorManagement: 'senior_management',
  compensation: 'compensation',
  career: 'career',
  diversity: 'diversity',
  ceoApproval: 'ceo_approval',
  recommend: 'recommend',
  outlook: 'outlook',
  employment: 'employment',
  jobTitle: 'job_title',
  location: 'location',
  tenure: 'tenure',
  pros: 'pros',
  cons: 'cons',
  advice: 'advice',
};
const FIELDS = Object.keys(FIELD_COLUMNS) as (keyof ReviewFields)[];

/** A whole reviews row (SELECT * / RETURNING *). */
export interface ReviewRow extends ReviewScores {
  id: string;
  author_key: Buffer;
  ceo_approval: CeoApproval;
  outlook: Outlook;
  employment: Employment;
  job_title: string | null;
  location: string | null;
  tenure: TenureBucket | null;
  pros: string;
  cons: string;
  advice: string | null;
  status: StoredContentStatus;
  revision: number;
  created_at: Date;
  edited_at: Date | null;
  helpful_count: number;
  /** bigint, as pg returns it; NULL before publication. */
  published_seq: string | null;
}

/** A published review as readers get it, with its company's badge. */
export interface ReviewPageRow extends ReviewRow {
  company_slug: string;
  company_name: string;
  company_name_zh: string | null;
}

export const REVIEW_SORTS: Record<
  ReviewSort,
  { column: string; cursor: (r: ReviewRow) => string | number; key: CursorPart }
> = {
  [ReviewSort.Recent]: { column: 'r.published_seq', cursor: (r) => Number(r.published_seq), key: 'number' },
  [ReviewSort.Helpful]: { column: 'r.helpful_count', cursor: (r) => r.helpful_count, key: 'number' },
  [ReviewSort.Rating]: { column: 'r.overall', cursor: (r) => r.overall, key: 'number' },
};

const REVIEW_SELECT = `SELECT r.*, c.slug AS company_slug, c.name AS company_name, c.name_zh AS company_name_zh
  FROM reviews r JOIN companies c ON c.id = r.company_id`;

/** Reviews: writes (edits and deletes under a row lock, for the aggregates), keyset pages and search. */
@Injectable()
export class ReviewsRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    review: Pick<ReviewEntity, 'companyId' | 'authorKey' | 'createdAt'> & ReviewFields,
  ): Promise<string> {
    const result = await manager.getRepository(ReviewEntity).insert(review);
    return (result.identifiers[0] as { id: string }).id;
  }

  findAuthored(
    id: string,
  ): Promise<Pick<ReviewEntity, 'id' | 'authorKey' | 'status' | 'revision' | 'createdAt'> | null> {
    return this.dataSource.getRepository(ReviewEntity).findOne({
      select: { id: true, authorKey: true, status: true, revision: true, createdAt: true },
      where: { id, status: Not(ContentStatus.Deleted) },
    });
  }

  /** The review row, locked until the caller's transaction ends (not deleted). */
  async lock(manager: EntityManager, id: string): Promise<ReviewRow | undefined> {
    const [row] = (await manager.query(`SELECT * FROM reviews WHERE id = $1 AND status <> 'deleted' FOR UPDATE`, [
      id,
    ])) as ReviewRow[];
    return row;
  }

  /** Replaces the author's fields and bumps the revision; returns the new row. */
  async edit(manager: EntityManager, id: string, fields: ReviewFields, editedAt: Date): Promise<ReviewRow> {
    const [row] = returned<ReviewRow>(
      await manager.query(
        `UPDATE reviews SET ${FIELDS.map((f, i) => `${FIELD_COLUMNS[f]} = $${i + 3}`).join(', ')},
           revision = revision + 1, edited_at = $2 WHERE id = $1 RETURNING *`,
        [id, editedAt, ...FIELDS.map((f) => fields[f])],
      ),
    );
    return row;
  }

  /** Erases the text and the optional details; the scores stay (they are counted out by the caller). */
  async softDelete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(ReviewEntity).update(
      { id },
      {
        status: ContentStatus.Deleted,
        pros: '[deleted]',
        cons: '[deleted]',
        advice: null,
        jobTitle: null,
        location: null,
      },
    );
  }

  /** One page of a company's published reviews, optionally current or former employees only. */
  page(
    companyId: string,
    employment: Employment | undefined,
    sort: ReviewSort,
    after: After | null,
    limit: number,
  ): Promise<ReviewPageRow[]> {
    const column = REVIEW_SORTS[sort].column;
    const params: unknown[] = [companyId];
    let where = `r.company_id = $1 AND r.status = 'published'`;
    if (employment) {
      params.push(employment);
      where += ` AND r.employment = $${params.length}`;
    }
    if (after) {
      params.push(after[0], after[1]);
      where += ` AND (${column}, r.id) < ($${params.length - 1}, $${params.length})`;
    }
    return this.dataSource.query(
      `${REVIEW_SELECT} WHERE ${where} ORDER BY ${column} DESC, r.id DESC LIMIT ${Number(limit)}`,
      params,
    );
  }

  /** Full-text search over pros, cons and advice; see ThreadsRepository.search. */
  search(query: string, companySlug: string | undefined, after: After | null, limit: number): Promise<ReviewPageRow[]> {
    const params: unknown[] = [query, `%${escapeLike(query)}%`];
    let where = `r.status = 'published'
      AND (r.search_vector @@ plainto_tsquery('simple', $1) OR (r.pros || ' ' || r.cons || ' ' || coalesce(r.advice, '')) ILIKE $2)`;
    if (companySlug) {
      params.push(companySlug);
      where += ` AND c.slug = $${params.length}`;
    }
    if (after) {
      params.push(after[0], after[1]);
      where += ` AND (r.published_seq, r.id) < ($${params.length - 1}, $${params.length})`;
    }
    return this.dataSource.query(
      `${REVIEW_SELECT} WHERE ${where} ORDER BY r.published_seq DESC, r.id DESC LIMIT ${Number(limit)}`,
      params,
    );
  }

  /** The newest published reviews across companies (the home feed). */
  latest(limit: number): Promise<ReviewPageRow[]> {
    return this.dataSource.query(
      `${REVIEW_SELECT} WHERE r.status = 'published' ORDER BY r.published_seq DESC, r.id DESC LIMIT ${Number(limit)}`,
    );
  }
}
