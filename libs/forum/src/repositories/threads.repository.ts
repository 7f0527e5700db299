import { Injectable } from '@nestjs/common';
import { ContentStatus, ThreadEntity, InjectForumDb } from '@unlinked/db/anonymous';
import { escapeLike, type CursorPart } from '@unlinked/platform';
import { DataSource, Not, type EntityManager } from 'typeorm';
import { ThreadSort } from '../models/forum-enums.js';
import { returned } from './sql-result.js';

/** A published thread as readers get it, with its company's badge. */
export interface ThreadRow {
  id: string;
  company_id: string;
  board_slug: string | null;
  title: string;
  body: string;
  author_key: Buffer;
  created_at: Date;
  last_activity_at: Date;
  edited_at: Date | null;
  revision: number;
  reply_count: number;
  score: number;
  /** bigint, as pg returns it. */
  published_seq: string;
  company_slug: string;
  company_name: string;
  company_name_zh: string | null;
}

/** Keyset sorts: the column, the row's cursor value and the cursor part's type. */
export const THREAD_SORTS: Record<
  ThreadSort,
  { column: string; cursor: (r: ThreadRow) => string | number; key: CursorPart }
> = {
  [ThreadSort.New]: { column: 't.published_seq', cursor: (r) => Number(r.published_seq), key: 'number' },
  [ThreadSort.Top]: { column: 't.score', cursor: (r) => r.score, key: 'number' },
  [ThreadSort.Active]: {
    column: 't.last_activity_at',
    cursor: (r) => r.last_activity_at.toISOString(),
    key: 'timestamp',
  },
};

const THREAD_SELECT = `SELECT t.id, t.company_id, t.board_slug, t.title, t.body, t.author_key, t.created_at,
  t.last_activity_at, t.edited_at, t.revision, t.reply_count, t.score, t.published_seq, c.slug AS company_slug, c.name AS company_name,
  c.name_zh AS company_name_zh
  FROM threads t JOIN companies c ON c.id = t.company_id`;

/** A keyset position: the sort key's value and the id of the last row seen. */
export type After = readonly [key: string | number, id: string];

/** Threads: writes, the keyset pages over published rows, and search. */
@Injectable()
export class ThreadsRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    thread: Pick<ThreadEntity, 'companyId' | 'boardSlug' | 'title' | 'body' | 'authorKey' | 'createdAt'>,
  ): Promise<string> {
    const result = await manager.getRepository(ThreadEntity).insert({ ...thread, lastActivityAt: thread.createdAt });
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Where a reply to this thread goes: its company and board (published threads only). */
  findPublishedPlace(id: string): Promise<Pick<ThreadEntity, 'companyId' | 'boardSlug'> | null> {
    return this.dataSource.getRepository(ThreadEntity).findOne({
      select: { id: true, companyId: true, boardSlug: true },
      where: { id, status: ContentStatus.Published },
    });
  }

  /** What an author's edit or delete checks: the key, status, revision and creation time (not deleted). */
  findAuthored(
    id: string,
  ): Promise<Pick<ThreadEntity, 'id' | 'authorKey' | 'status' | 'revision' | 'createdAt'> | null> {
    return this.dataSource.getRepository(ThreadEntity).findOne({
      select: { id: true, authorKey: true, status: true, revision: true, createdAt: true },
      where: { id, status: Not(ContentStatus.Deleted) },
    });
  }

  /** Applies an edit signed against `revision`; false when the thread moved on (or was deleted). */
  async edit(id: string, revision: number, title: string, body: string, editedAt: Date): Promise<boolean> {
    const rows = returned(
      await this.dataSource.query(
        `UPDATE threads SET title = $3, body = $4, revision = revision + 1, edited_at = $5
         WHERE id = $1 AND revision = $2 AND status <> 'deleted' RETURNING status`,
        [id, revision, title, body, editedAt],
      ),
    );
    return rows.length > 0;
  }

  /** Erases the text; the row stays so replies and quotes keep their place. */
  async softDelete(id: string): Promise<void> {
    await this.dataSource
      .getRepository(ThreadEntity)
      .update({ id }, { status: ContentStatus.Deleted, title: '[deleted]', body: '[deleted]' });
  }

  /** A reply came into view: count it and move the thread's last activity up to `at`. */
  async countReplyIn(manager: EntityManager, threadId: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE threads SET reply_count = reply_count + 1, last_activity_at = greatest(last_activity_at, $2) WHERE id = $1`,
      [threadId, at],
    );
  }

  /** A reply left view (deleted, hidden or removed). */
  async countReplyOut(manager: EntityManager, threadId: string): Promise<void> {
    await manager.query(`UPDATE threads SET reply_count = greatest(reply_count - 1, 0) WHERE id = $1`, [threadId]);
  }

  async findPublished(id: string): Promise<ThreadRow | undefined> {
    const [row] = (await this.dataSource.query(`${THREAD_SELECT} WHERE t.id = $1 AND t.status = 'published'`, [
      id,
    ])) as ThreadRow[];
    return row;
  }

  /** One page (limit rows) of a company's own board or of a cross-company board, newest sort key first. */
  page(
    where: { companyId: string } | { board: string },
    sort: ThreadSort,
    after: After | null,
    limit: number,
  ): Promise<ThreadRow[]> {
    const column = THREAD_SORTS[sort].column;
    const params: unknown[] = [];
    let sql: string;
    if ('companyId' in where) {
      params.push(where.companyId);
      sql = `t.company_id = $1 AND t.board_slug IS NULL`;
    } else {
      params.push(where.board);
      sql = `t.board_slug = $1`;
    }
    if (after) {
      params.push(after[0], after[1]);
      sql += ` AND (${column}, t.id) < ($2, $3)`;
    }
    return this.dataSource.query(
      `${THREAD_SELECT} WHERE ${sql} AND t.status = 'published'
       ORDER BY ${column} DESC, t.id DESC LIMIT ${Number(limit)}`,
      params,
    );
  }

  /**
   * Full-text search: words through the 'simple' tsvector (GIN), and any
   * substring (Chinese has no spaces to split words on) through the pg_trgm
   * GIN index on the same text. Newest first, keyset on (published_seq, id).
   */
  search(query: string, companySlug: string | undefined, after: After | null, limit: number): Promise<ThreadRow[]> {
    const params: unknown[] = [query, `%${escapeLike(query)}%`];
    let where = `t.status = 'published'
      AND (t.search_vector @@ plainto_tsquery('simple', $1) OR (t.title || ' ' || t.body) ILIKE $2)`;
    if (companySlug) {
      params.push(companySlug);
      where += ` AND c.slug = $${params.length}`;
    }
    if (after) {
      params.push(after[0], after[1]);
      where += ` AND (t.published_seq, t.id) < ($${params.length - 1}, $${params.length})`;
    }
    return this.dataSource.query(
      `${THREAD_SELECT} WHERE ${where} ORDER BY t.published_seq DESC, t.id DESC LIMIT ${Number(limit)}`,
      params,
    );
  }

  /**
   * The home feed's ranking, over published rows only: (replies published in the window + net votes cast in the
   * window) / (age in hours + 2)^1.5, ties to the newest. Stored times are coarse (TIME_BUCKET_SECONDS), so the
   * ranking moves by the hour, as everything readers see. Candidates are threads active within the window.
   */
  trending(windowHours: number, limit: number): Promise<ThreadRow[]> {
    const since = `now() - $1 * interval '1 hour'`;
    return this.dataSource.query(
      `${THREAD_SELECT}
       CROSS JOIN LATERAL (
         SELECT (SELECT count(*) FROM replies r
                  WHERE r.thread_id = t.id AND r.status = 'published' AND r.created_at >= ${since})
              + (SELECT coalesce(sum(v.value), 0) FROM votes v
                  WHERE v.target_type = 'thread' AND v.target_id = t.id AND v.created_at >= ${since}) AS activity
       ) a
       WHERE t.status = 'published' AND t.last_activity_at >= ${since}
       ORDER BY a.activity / power(greatest(extract(epoch FROM now() - t.created_at) / 3600, 0) + 2, 1.5) DESC,
                t.published_seq DESC, t.id DESC
       LIMIT ${Number(limit)}`,
      [windowHours],
    );
  }
}
