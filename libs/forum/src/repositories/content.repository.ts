import { Injectable } from '@nestjs/common';
import { ContentStatus, ContentType, type StoredContentStatus, InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource, type EntityManager } from 'typeorm';
import { CONTENT_TABLES } from './content-tables.js';
import type { SalaryGroupKey } from '../salaries/salary-groups.repository.js';
import type { InterviewCounted } from '../interviews/interview-stats.repository.js';
import type { ReviewScores } from './review-stats.repository.js';
import { returned } from './sql-result.js';

/** Content after a status change: the status it left, and what its counters need. */
export interface ChangedContent {
  oldStatus: StoredContentStatus;
  /** A reply's thread (its reply count and last activity); null for other kinds. */
  threadId: string | null;
  /** A review's scores (its company's aggregates); null for other kinds. */
  review: ReviewScores | null;
  /** A salary report's group (recomputed when it enters or leaves publication); null for other kinds. */
  salary: SalaryGroupKey | null;
  /** An interview's answers (its company's and title's aggregates); null for other kinds. */
  interview: InterviewCounted | null;
}

type ChangedRow = ReviewScores &
  SalaryGroupKey &
  InterviewCounted & { thread_id?: string; old_status: StoredContentStatus };

/** Content as moderation reads it: no author, only the per-thread public key. */
export interface ContentView {
  type: ContentType;
  id: string;
  companyId: string;
  /** NULL: the company's own board. */
  boardSlug: string | null;
  /** A reply's thread; NULL for threads and reviews. */
  threadId: string | null;
  /** Everything a reader sees, joined with newlines (title and body, or the review's text fields). */
  text: string;
  authorKey: Buffer;
}

/** How each content table is read for moderation: its text as a reader sees it, and its board. */
const VIEWS: Record<ContentType, string> = {
  thread: `SELECT t.id, t.company_id, t.board_slug, NULL::uuid AS thread_id, t.title || E'\\n' || t.body AS text, t.author_key
           FROM threads t WHERE t.id = ANY($1::uuid[])`,
  reply: `SELECT r.id, r.company_id, t.board_slug, r.thread_id, r.body AS text, r.author_key
          FROM replies r JOIN threads t ON t.id = r.thread_id WHERE r.id = ANY($1::uuid[])`,
  review: `SELECT v.id, v.company_id, NULL::text AS board_slug, NULL::uuid AS thread_id,
             concat_ws(E'\\n', v.job_title, v.pros, v.cons, v.advice) AS text, v.author_key
           FROM reviews v WHERE v.id = ANY($1::uuid[])`,
  // What screening needs of a salary report: its only free text (title, level, city), never its amounts.
  salary: `SELECT s.id, s.company_id, NULL::text AS board_slug, NULL::uuid AS thread_id,
             concat_ws(E'\\n', s.job_title, s.level, s.city) AS text, s.author_key
           FROM salary_reports s WHERE s.id = ANY($1::uuid[])`,
  // Every question is screened: they are part of the text, one per line.
  interview: `SELECT i.id, i.company_id, NULL::text AS board_slug, NULL::uuid AS thread_id,
                concat_ws(E'\\n', i.job_title, i.stages,
                  (SELECT string_agg(q.body, E'\\n' ORDER BY q.position) FROM interview_questions q WHERE q.interview_id = i.id))
                AS text, i.author_key
              FROM interviews i WHERE i.id = ANY($1::uuid[])`,
};

/**
 * Statements over any kind of content (threads, replies, reviews, salary reports, interviews) through the one
 * content-type → table map.
 */
@Injectable()
export class ContentRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  /** The status of the content with this id, whatever its kind. */
  async status(id: string): Promise<StoredContentStatus | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT status FROM threads WHERE id = $1 UNION ALL SELECT status FROM replies WHERE id = $1
       UNION ALL SELECT status FROM reviews WHERE id = $1 UNION ALL SELECT status FROM salary_reports WHERE id = $1
       UNION ALL SELECT status FROM interviews WHERE id = $1`,
      [id],
    )) as { status: StoredContentStatus }[];
    return row?.status;
  }

  /** The stored (bucketed) creation time of published content; undefined when it is not published. */
  async publishedCreatedAt(type: ContentType, id: string): Promise<Date | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT created_at FROM ${CONTENT_TABLES[type]} WHERE id = $1 AND status = 'published'`,
      [id],
    )) as { created_at: Date }[];
    return row?.created_at;
  }

  async isPublished(type: ContentType, id: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM ${CONTENT_TABLES[type]} WHERE id = $1 AND status = 'published'`,
      [id],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Moves content to `to` if its status (read under a row lock) is one of
   * `from`; returns the changed row with the status it left, or undefined
   * when nothing changed (so every caller is idempotent).
   */
  async setStatus(
    manager: EntityManager,
    type: ContentType,
    id: string,
    to: StoredContentStatus,
    from: readonly StoredContentStatus[],
  ): Promise<ChangedContent | undefined> {
    const table = CONTENT_TABLES[type];
    // Publishing gives the content its place in publication order, once (a restore keeps it).
    const place =
      to === ContentStatus.Published ? `, published_seq = coalesce(t.published_seq, nextval('publication_seq'))` : '';
    const result = (await manager.query(
      `UPDATE ${table} t SET status = $2${place} FROM (SELECT id, status AS old_status FROM ${table} WHERE id = $1 FOR UPDATE) o
       WHERE t.id = o.id AND o.old_status = ANY($3::text[]) RETURNING t.*, o.old_status`,
      [id, to, from],
    )) as unknown;
    const [row] = returned<ChangedRow>(result);
    if (!row) return undefined;
    return {
      oldStatus: row.old_status,
      threadId: type === ContentType.Reply ? row.thread_id! : null,
      review: type === ContentType.Review ? row : null,
      salary: type === ContentType.Salary ? row : null,
      interview: type === ContentType.Interview ? row : null,
    };
  }

  /** Moderation's view of some content, whatever its status. */
  async views(manager: EntityManager, refs: readonly { type: ContentType; id: string }[]): Promise<ContentView[]> {
    const out: ContentView[] = [];
    for (const type of Object.keys(VIEWS) as ContentType[]) {
      const ids = refs.filter((r) => r.type === type).map((r) => r.id);
      if (ids.length === 0) continue;
      const rows = (await manager.query(VIEWS[type], [ids])) as {
        id: string;
        company_id: string;
        board_slug: string | null;
        thread_id: string | null;
        text: string;
        author_key: Buffer;
      }[];
      for (const row of rows) {
        out.push({
          type,
          id: row.id,
          companyId: row.company_id,
          boardSlug: row.board_slug,
          threadId: row.thread_id,
          text: row.text,
          authorKey: row.author_key,
        });
      }
    }
    return out;
  }
}
