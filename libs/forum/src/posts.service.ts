import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ContentStatus, ContentType } from '@unlinked/db/anonymous';
import { DataSource } from 'typeorm';
import { TokenKind } from '@unlinked/platform';
import type { AnonymousWrite } from './anonymous-write.js';
import { parseAuthorKey, verifyAuthorship } from './authorship/signed-message.js';
import { CompanyGateService } from './company-gate.service.js';
import type {
  CreateReplyInput,
  CreateThreadInput,
  DeleteContentInput,
  EditReplyInput,
  EditThreadInput,
} from './dto/forum.inputs.js';
import { assertEditable } from './edit-window.js';
import { ForumError, ForumErrorCode } from './forum.errors.js';
import type { WriteReceipt } from './models/forum.models.js';
import { enqueuePublication } from './publication/outbox.js';
import { assertNoSession, tokenFrom } from './redemption/anonymous-request.js';
import { TokenRedemptionService } from './redemption/token-redemption.service.js';
import { returned } from './sql-result.js';
import { BODY_MAX, requiredText, TITLE_MAX } from './text/clean-text.js';
import { bucketed } from './time-bucket.js';

interface AuthoredRow {
  id: string;
  author_key: Buffer;
  status: ContentStatus;
  revision: number;
  created_at: Date;
  thread_id?: string;
}

/**
 * Threads and replies. Every write validates everything first (session,
 * text, signature, board, token) and only then opens one transaction that
 * spends the token, inserts the content and its outbox row: a refusal never
 * burns a token, and a spent token always has its content (privacy rule 3).
 */
@Injectable()
export class PostsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gate: CompanyGateService,
    private readonly redemption: TokenRedemptionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async createThread(input: CreateThreadInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const token = tokenFrom(write.req, write.token);
    const title = requiredText(input.title, { field: 'title', max: TITLE_MAX });
    const body = requiredText(input.body, { field: 'body', max: BODY_MAX });
    const authorKey = parseAuthorKey(input.authorKey);
    verifyAuthorship(authorKey, input.signature, 'create-thread', [
      input.companySlug,
      input.board ?? '',
      input.title,
      input.body,
    ]);
    const company = await this.gate.bySlug(input.companySlug);
    if (input.board && !(await this.gate.boardExists(input.board))) throw new ForumError(ForumErrorCode.BoardNotFound);
    await this.gate.assertOpen(company);
    const redemption = this.redemption.verify(token, company, TokenKind.Post);
    const now = bucketed(this.config.anonymity.timeBucketSeconds);
    return this.dataSource.transaction(async (m) => {
      await this.redemption.spend(m, redemption);
      const [{ id }] = (await m.query(
        `INSERT INTO threads (company_id, board_slug, title, body, author_key, created_at, last_activity_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
        [company.id, input.board ?? null, title, body, Buffer.from(authorKey), now],
      )) as { id: string }[];
      await enqueuePublication(m, this.config, ContentType.Thread, id);
      return { id, status: ContentStatus.Pending };
    });
  }

  async createReply(input: CreateReplyInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const token = tokenFrom(write.req, write.token);
    const body = requiredText(input.body, { field: 'body', max: BODY_MAX });
    const authorKey = parseAuthorKey(input.authorKey);
    verifyAuthorship(authorKey, input.signature, 'create-reply', [
      input.threadId,
      input.quotedReplyId ?? '',
      input.body,
    ]);
    const company = await this.gate.bySlug(input.companySlug);
    const [thread] = (await this.dataSource.query(
      `SELECT company_id, board_slug FROM threads WHERE id = $1 AND status = 'published'`,
      [input.threadId],
    )) as { company_id: string; board_slug: string | null }[];
    if (!thread) throw new ForumError(ForumErrorCode.ThreadNotFound);
    // A company board accepts only tokens of its company.
    if (thread.board_slug === null && thread.company_id !== company.id)
      throw new ForumError(ForumErrorCode.TokenInvalid);
    if (input.quotedReplyId) {
      const quoted = (await this.dataSource.query(
        `SELECT 1 FROM replies WHERE id = $1 AND thread_id = $2 AND status = 'published'`,
        [input.quotedReplyId, input.threadId],
      )) as unknown[];
      if (quoted.length === 0) throw new ForumError(ForumErrorCode.QuotedReplyNotFound);
    }
    await this.gate.assertOpen(company);
    const redemption = this.redemption.verify(token, company, TokenKind.Post);
    const now = bucketed(this.config.anonymity.timeBucketSeconds);
    return this.dataSource.transaction(async (m) => {
      await this.redemption.spend(m, redemption);
      const [{ id }] = (await m.query(
        `INSERT INTO replies (thread_id, company_id, quoted_reply_id, body, author_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [input.threadId, company.id, input.quotedReplyId ?? null, body, Buffer.from(authorKey), now],
      )) as { id: string }[];
      await enqueuePublication(m, this.config, ContentType.Reply, id);
      return { id, status: ContentStatus.Pending };
    });
  }

  async editThread(input: EditThreadInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.authored('threads', input.id, ForumErrorCode.ThreadNotFound);
    verifyAuthorship(row.author_key, input.signature, 'edit-thread', [
      input.id,
      input.revision,
      input.title,
      input.body,
    ]);
    assertEditable(this.config, row.created_at);
    const title = requiredText(input.title, { field: 'title', max: TITLE_MAX });
    const body = requiredText(input.body, { field: 'body', max: BODY_MAX });
    await this.update(
      `UPDATE threads SET title = $3, body = $4, revision = revision + 1, edited_at = $5
       WHERE id = $1 AND revision = $2 AND status <> 'deleted' RETURNING status`,
      [input.id, input.revision, title, body, bucketed(this.config.anonymity.timeBucketSeconds)],
    );
    return { id: row.id, status: row.status };
  }

  async editReply(input: EditReplyInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.authored('replies', input.id, ForumErrorCode.ReplyNotFound);
    verifyAuthorship(row.author_key, input.signature, 'edit-reply', [input.id, input.revision, input.body]);
    assertEditable(this.config, row.created_at);
    const body = requiredText(input.body, { field: 'body', max: BODY_MAX });
    await this.update(
      `UPDATE replies SET body = $3, revision = revision + 1, edited_at = $4
       WHERE id = $1 AND revision = $2 AND status <> 'deleted' RETURNING status`,
      [input.id, input.revision, body, bucketed(this.config.anonymity.timeBucketSeconds)],
    );
    return { id: row.id, status: row.status };
  }

  /** Deleting erases the text (the row stays so replies and quotes keep their place). */
  async deleteThread(input: DeleteContentInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.authored('threads', input.id, ForumErrorCode.ThreadNotFound);
    verifyAuthorship(row.author_key, input.signature, 'delete-thread', [input.id]);
    await this.dataSource.query(
      `UPDATE threads SET status = 'deleted', title = '[deleted]', body = '[deleted]' WHERE id = $1`,
      [input.id],
    );
    return { id: row.id, status: ContentStatus.Deleted };
  }

  async deleteReply(input: DeleteContentInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.authored('replies', input.id, ForumErrorCode.ReplyNotFound);
    verifyAuthorship(row.author_key, input.signature, 'delete-reply', [input.id]);
    await this.dataSource.transaction(async (m) => {
      const [was] = returned<{ status: string }>(
        await m.query(
          `UPDATE replies r SET status = 'deleted', body = '[deleted]' FROM replies old
           WHERE r.id = $1 AND old.id = r.id AND r.status <> 'deleted' RETURNING old.status`,
          [input.id],
        ),
      );
      if (was?.status === ContentStatus.Published) {
        await m.query(`UPDATE threads SET reply_count = reply_count - 1 WHERE id = $1`, [row.thread_id]);
      }
    });
    return { id: row.id, status: ContentStatus.Deleted };
  }

  private async authored(table: 'threads' | 'replies', id: string, notFound: ForumErrorCode): Promise<AuthoredRow> {
    const extra = table === 'replies' ? ', thread_id' : '';
    const [row] = (await this.dataSource.query(
      `SELECT id, author_key, status, revision, created_at${extra} FROM ${table} WHERE id = $1 AND status <> 'deleted'`,
      [id],
    )) as AuthoredRow[];
    if (!row) throw new ForumError(notFound);
    return { ...row, created_at: new Date(row.created_at) };
  }

  private async update(sql: string, params: unknown[]): Promise<void> {
    const rows = returned(await this.dataSource.query(sql, params));
    if (rows.length === 0) throw new ForumError(ForumErrorCode.RevisionConflict);
  }
}
