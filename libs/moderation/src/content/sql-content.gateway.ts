import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyReviewToStats, type ReviewScores, returned } from '@unlinked/forum';
import { refKey, type ContentGateway, type ContentRef, type ModeratedContent } from './content-gateway.js';

/** How each content table is read: its text as a reader sees it, and its board. */
const SOURCES = {
  thread: `SELECT t.id, t.company_id, t.board_slug, t.title || E'\\n' || t.body AS text, t.author_key
           FROM threads t WHERE t.id = ANY($1::uuid[])`,
  reply: `SELECT r.id, r.company_id, t.board_slug, r.body AS text, r.author_key
          FROM replies r JOIN threads t ON t.id = r.thread_id WHERE r.id = ANY($1::uuid[])`,
  review: `SELECT v.id, v.company_id, NULL::text AS board_slug,
             concat_ws(E'\\n', v.job_title, v.pros, v.cons, v.advice) AS text, v.author_key
           FROM reviews v WHERE v.id = ANY($1::uuid[])`,
} as const;

const TABLES = { thread: 'threads', reply: 'replies', review: 'reviews' } as const;

/**
 * The content gateway over the anonymous side's tables. Visibility is the
 * content's status: 'published' is public, 'pending' and 'hidden' are not;
 * content the author deleted stays deleted whatever moderation decides.
 * Counters (a thread's replies, a company's review aggregates) follow the
 * content in and out of view, as PublicationService does on first publish.
 */
@Injectable()
export class SqlContentGateway implements ContentGateway {
  async load(manager: EntityManager, refs: readonly ContentRef[]): Promise<Map<string, ModeratedContent>> {
    const out = new Map<string, ModeratedContent>();
    for (const type of Object.keys(SOURCES) as ContentRef['type'][]) {
      const ids = refs.filter((r) => r.type === type).map((r) => r.id);
      if (ids.length === 0) continue;
      const rows = (await manager.query(SOURCES[type], [ids])) as {
        id: string;
        company_id: string;
        board_slug: string | null;
        text: string;
        author_key: Buffer;
      }[];
      for (const row of rows) {
        const content: ModeratedContent = {
          type,
          id: row.id,
          companyId: row.company_id,
          boardSlug: row.board_slug,
          text: row.text,
          authorKey: new Uint8Array(row.author_key),
        };
        out.set(refKey(content), content);
      }
    }
    return out;
  }

  /** pending or hidden → published, counting it into the thread's replies or the company's review aggregates. */
  async publish(manager: EntityManager, ref: ContentRef): Promise<void> {
    const row = await this.setStatus(manager, ref, 'published', ['pending', 'hidden']);
    if (row) await this.count(manager, ref, row, 1);
  }

  /** pending or published → hidden; content that was public is counted out again. */
  async unpublish(manager: EntityManager, ref: ContentRef): Promise<void> {
    const row = await this.setStatus(manager, ref, 'hidden', ['pending', 'published']);
    if (row?.old_status === 'published') await this.count(manager, ref, row, -1);
  }

  private async setStatus(
    manager: EntityManager,
    ref: ContentRef,
    to: string,
    from: string[],
  ): Promise<(Record<string, unknown> & { old_status: string }) | undefined> {
    const table = TABLES[ref.type];
    const result = (await manager.query(
      `UPDATE ${table} t SET status = $2 FROM (SELECT id, status AS old_status FROM ${table} WHERE id = $1 FOR UPDATE) o
       WHERE t.id = o.id AND o.old_status = ANY($3::text[]) RETURNING t.*, o.old_status`,
      [ref.id, to, from],
    )) as unknown;
    return returned<Record<string, unknown> & { old_status: string }>(result)[0];
  }

  private async count(manager: EntityManager, ref: ContentRef, row: Record<string, unknown>, sign: 1 | -1) {
    if (ref.type === 'reply') {
      await manager.query(`UPDATE threads SET reply_count = greatest(reply_count + $2, 0) WHERE id = $1`, [
        row.thread_id,
        sign,
      ]);
    } else if (ref.type === 'review') {
      await applyReviewToStats(manager, row as unknown as ReviewScores, sign);
    }
  }
}
