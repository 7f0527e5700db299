import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
 * content's status: 'published' is public, 'hidden' is not; content the
 * author deleted stays deleted whatever moderation decides.
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

  async publish(manager: EntityManager, ref: ContentRef): Promise<void> {
    await manager.query(`UPDATE ${TABLES[ref.type]} SET status = 'published' WHERE id = $1 AND status <> 'deleted'`, [
      ref.id,
    ]);
  }

  async unpublish(manager: EntityManager, ref: ContentRef): Promise<void> {
    await manager.query(`UPDATE ${TABLES[ref.type]} SET status = 'hidden' WHERE id = $1 AND status <> 'deleted'`, [
      ref.id,
    ]);
  }
}
