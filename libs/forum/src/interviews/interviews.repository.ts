import { Injectable } from '@nestjs/common';
import { escapeLike, type CursorPart } from '@unlinked/platform';
import type { StoredContentStatus } from '@unlinked/db/anonymous';
import { InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource, type EntityManager } from 'typeorm';
import type { After } from '../repositories/threads.repository.js';
import { InterviewSort } from './interview-enums.js';
import type { InterviewCounted } from './interview-stats.repository.js';

/** What a candidate writes, cleaned. */
export interface InterviewFields {
  jobTitle: string;
  titleKey: string;
  /** First day of the month (UTC). */
  month: Date;
  source: string;
  difficulty: number;
  experience: string;
  outcome: string;
  processLength: string;
  stages: string;
  questions: string[];
}

/** A whole interviews row (SELECT * / RETURNING *). */
export interface InterviewRow extends InterviewCounted {
  id: string;
  author_key: Buffer;
  shown_company_id: string | null;
  source: string;
  stages: string;
  status: StoredContentStatus;
  created_at: Date;
  demo: boolean;
  /** bigint, as pg returns it. */
  published_seq: string | null;
}

/** A published interview as readers get it: its company, the shown company if any, its questions. */
export interface InterviewPageRow extends InterviewRow {
  /** YYYY-MM. */
  month: string;
  company_slug: string;
  company_name: string;
  shown_slug: string | null;
  shown_name: string | null;
  /** The shown company's verified members now (rule 9 is checked on every read). */
  shown_verified: number | null;
  questions: string[];
}

export const INTERVIEW_SORTS: Record<
  InterviewSort,
  { column: string; cursor: (r: InterviewRow) => string | number; key: CursorPart }
> = {
  [InterviewSort.Recent]: { column: 'i.published_seq', cursor: (r) => Number(r.published_seq), key: 'number' },
  [InterviewSort.Difficulty]: { column: 'i.difficulty', cursor: (r) => r.difficulty, key: 'number' },
};

// The month as text (a date has no time zone to shift it); questions in their order.
const SELECT = `SELECT i.*, to_char(i.interview_month, 'YYYY-MM') AS month,
    c.slug AS company_slug, c.name AS company_name,
    s.slug AS shown_slug, s.name AS shown_name, s.verified_members AS shown_verified,
    coalesce((SELECT array_agg(q.body ORDER BY q.position) FROM interview_questions q WHERE q.interview_id = i.id),
      '{}') AS questions
  FROM interviews i JOIN companies c ON c.id = i.company_id LEFT JOIN companies s ON s.id = i.shown_company_id`;

/** Absent (undefined, or null as GraphQL sends an unset variable) means any. */
export interface InterviewFilter {
  titleKey?: string | null;
  outcome?: string | null;
  experience?: string | null;
}

/** Interviews: writes (deletes under a row lock, for the aggregates), keyset pages and question search. */
@Injectable()
export class InterviewsRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    i: InterviewFields & {
      companyId: string;
      shownCompanyId: string | null;
      authorKey: Buffer;
      createdAt: Date;
      /** Development seed data. */
      demo?: boolean;
    },
  ): Promise<string> {
    const [{ id }] = (await manager.query(
      `INSERT INTO interviews (company_id, shown_company_id, author_key, job_title, title_key, interview_month, source,
         difficulty, experience, outcome, process_length, stages, created_at, demo)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        i.companyId,
        i.shownCompanyId,
        i.authorKey,
        i.jobTitle,
        i.titleKey,
        i.month.toISOString().slice(0, 10),
        i.source,
        i.difficulty,
        i.experience,
        i.outcome,
        i.processLength,
        i.stages,
        i.createdAt,
        i.demo ?? false,
      ],
    )) as { id: string }[];
    if (i.questions.length > 0) {
      await manager.query(
        `INSERT INTO interview_questions (interview_id, position, body)
         SELECT $1, q.n - 1, q.body FROM unnest($2::text[]) WITH ORDINALITY AS q(body, n)`,
        [id, i.questions],
      );
    }
    return id;
  }

  async findAuthored(id: string): Promise<{ id: string; author_key: Buffer } | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT id, author_key FROM interviews WHERE id = $1 AND status <> 'deleted'`,
      [id],
    )) as { id: string; author_key: Buffer }[];
    return row;
  }

  /** The row, locked until the caller's transaction ends (not deleted). */
  async lock(manager: EntityManager, id: string): Promise<InterviewRow | undefined> {
    const [row] = (await manager.query(`SELECT * FROM interviews WHERE id = $1 AND status <> 'deleted' FOR UPDATE`, [
      id,
    ])) as InterviewRow[];
    return row;
  }

  /** Erases the texts and the questions; the answers stay (counted out by the caller). */
  async softDelete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM interview_questions WHERE interview_id = $1`, [id]);
    await manager.query(
      `UPDATE interviews SET status = 'deleted', stages = '[deleted]', shown_company_id = NULL WHERE id = $1`,
      [id],
    );
  }

  /** One page of a company's published interviews. */
  page(
    companyId: string,
    filter: InterviewFilter,
    sort: InterviewSort,
    after: After | null,
    limit: number,
  ): Promise<InterviewPageRow[]> {
    const column = INTERVIEW_SORTS[sort].column;
    const params: unknown[] = [companyId];
    let where = `i.company_id = $1 AND i.status = 'published'`;
    for (const [col, value] of [
      ['title_key', filter.titleKey],
      ['outcome', filter.outcome],
      ['experience', filter.experience],
    ] as const) {
      if (value === undefined || value === null) continue;
      params.push(value);
      where += ` AND i.${col} = $${params.length}`;
    }
    if (after) {
      params.push(after[0], after[1]);
      where += ` AND (${column}, i.id) < ($${params.length - 1}, $${params.length})`;
    }
    return this.dataSource.query(
      `${SELECT} WHERE ${where} ORDER BY ${column} DESC, i.id DESC LIMIT ${Number(limit)}`,
      params,
    );
  }

  /**
   * Published interviews with a question matching `query`, newest first: words
   * through the tsvector, any substring (Chinese included) through ILIKE on
   * the trigram index, as ThreadsRepository.search.
   */
  search(
    query: string,
    companySlug: string | undefined,
    after: After | null,
    limit: number,
  ): Promise<InterviewPageRow[]> {
    const params: unknown[] = [query, `%${escapeLike(query)}%`];
    let where = `i.status = 'published' AND EXISTS (SELECT 1 FROM interview_questions q WHERE q.interview_id = i.id
      AND (q.search_vector @@ plainto_tsquery('simple', $1) OR q.body ILIKE $2))`;
    if (companySlug) {
      params.push(companySlug);
      where += ` AND c.slug = $${params.length}`;
    }
    if (after) {
      params.push(after[0], after[1]);
      where += ` AND (i.published_seq, i.id) < ($${params.length - 1}, $${params.length})`;
    }
    return this.dataSource.query(
      `${SELECT} WHERE ${where} ORDER BY i.published_seq DESC, i.id DESC LIMIT ${Number(limit)}`,
      params,
    );
  }
}
