import { Injectable } from '@nestjs/common';
import { ContentStatus, ReplyEntity, type StoredContentStatus, InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource, Not, type EntityManager } from 'typeorm';
import { returned } from './sql-result.js';
import type { After } from './threads.repository.js';

/** A published reply as readers get it: OP badge and the company's badge. */
export interface ReplyRow {
  id: string;
  thread_id: string;
  body: string;
  quoted_reply_id: string | null;
  author_key: Buffer;
  created_at: Date;
  edited_at: Date | null;
  revision: number;
  score: number;
  /** bigint, as pg returns it. */
  published_seq: string;
  is_op: boolean;
  company_slug: string;
  company_name: string;
  company_name_zh: string | null;
}

/** Replies: writes and the oldest-first keyset page of a thread. */
@Injectable()
export class RepliesRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    reply: Pick<ReplyEntity, 'threadId' | 'companyId' | 'quotedReplyId' | 'body' | 'authorKey' | 'createdAt'>,
  ): Promise<string> {
    const result = await manager.getRepository(ReplyEntity).insert(reply);
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Whether `id` is a published reply of `threadId` (a quote must be). */
  isPublishedIn(id: string, threadId: string): Promise<boolean> {
    return this.dataSource.getRepository(ReplyEntity).existsBy({ id, threadId, status: ContentStatus.Published });
  }

  findAuthored(
    id: string,
  ): Promise<Pick<ReplyEntity, 'id' | 'threadId' | 'authorKey' | 'status' | 'revision' | 'createdAt'> | null> {
    return this.dataSource.getRepository(ReplyEntity).findOne({
      select: { id: true, threadId: true, authorKey: true, status: true, revision: true, createdAt: true },
      where: { id, status: Not(ContentStatus.Deleted) },
    });
  }

  /** Applies an edit signed against `revision`; false when the reply moved on (or was deleted). */
  async edit(id: string, revision: number, body: string, editedAt: Date): Promise<boolean> {
    const rows = returned(
      await this.dataSource.query(
        `UPDATE replies SET body = $3, revision = revision + 1, edited_at = $4
         WHERE id = $1 AND revision = $2 AND status <> 'deleted' RETURNING status`,
        [id, revision, body, editedAt],
      ),
    );
    return rows.length > 0;
  }

  /** Erases the text; returns the status it had, or undefined when it was deleted already. */
  async softDelete(manager: EntityManager, id: string): Promise<StoredContentStatus | undefined> {
    const [was] = returned<{ status: StoredContentStatus }>(
      await manager.query(
        `UPDATE replies r SET status = 'deleted', body = '[deleted]' FROM replies old
         WHERE r.id = $1 AND old.id = r.id AND r.status <> 'deleted' RETURNING old.status`,
        [id],
      ),
    );
    return was?.status;
  }

  /** One page of a thread's published replies in publication order (keyset on published_seq, id). */
  page(threadId: string, after: After | null, limit: number): Promise<ReplyRow[]> {
    const params: unknown[] = [threadId];
    let where = `r.thread_id = $1 AND r.status = 'published'`;
    if (after) {
      params.push(after[0], after[1]);
      where += ` AND (r.published_seq, r.id) > ($2, $3)`;
    }
    return this.dataSource.query(
      `SELECT r.id, r.thread_id, r.body, r.quoted_reply_id, r.author_key, r.created_at, r.edited_at, r.revision, r.score,
         r.published_seq, r.author_key = t.author_key AS is_op, c.slug AS company_slug, c.name AS company_name,
         c.name_zh AS company_name_zh
       FROM replies r JOIN threads t ON t.id = r.thread_id JOIN companies c ON c.id = r.company_id
       WHERE ${where} ORDER BY r.published_seq, r.id LIMIT ${Number(limit)}`,
      params,
    );
  }
}
