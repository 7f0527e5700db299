import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ContentStatus, ContentType, InjectForumDb } from '@unlinked/db/anonymous';
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
import { EditGateService } from './edit-gate.service.js';
import { assertEditable } from './edit-window.js';
import { ForumError, ForumErrorCode } from './forum.errors.js';
import type { WriteReceipt } from './models/forum.models.js';
import { publicationDelayMs, publicationDueAt } from './publication/outbox.js';
import { assertNoSession, optionalTokenFrom } from './redemption/anonymous-request.js';
import { TokenRedemptionService } from './redemption/token-redemption.service.js';
import { OutboxRepository } from './repositories/outbox.repository.js';
import { RepliesRepository } from './repositories/replies.repository.js';
import { ThreadsRepository } from './repositories/threads.repository.js';
import { BODY_MAX, requiredText, TITLE_MAX } from './text/clean-text.js';
import { bucketed } from './time-bucket.js';

/**
 * Threads and replies. Every write validates everything first (session,
 * text, signature, board, token) and only then opens one transaction that
 * spends the token, inserts the content and its outbox row: a refusal never
 * burns a token, and a spent token always has its content (privacy rule 3).
 */
@Injectable()
export class PostsService {
  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    private readonly gate: CompanyGateService,
    private readonly redemption: TokenRedemptionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly threads: ThreadsRepository,
    private readonly replies: RepliesRepository,
    private readonly outbox: OutboxRepository,
    private readonly edits: EditGateService,
  ) {}

  async createThread(input: CreateThreadInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const token = optionalTokenFrom(write.req, write.token);
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
      const id = await this.threads.insert(m, {
        companyId: company.id,
        boardSlug: input.board ?? null,
        title,
        body,
        authorKey: Buffer.from(authorKey),
        createdAt: now,
      });
      await this.outbox.enqueue(
        m,
        ContentType.Thread,
        id,
        publicationDelayMs(this.config),
        publicationDueAt(this.config),
      );
      return { id, status: ContentStatus.Pending };
    });
  }

  async createReply(input: CreateReplyInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const token = optionalTokenFrom(write.req, write.token);
    const body = requiredText(input.body, { field: 'body', max: BODY_MAX });
    const authorKey = parseAuthorKey(input.authorKey);
    verifyAuthorship(authorKey, input.signature, 'create-reply', [
      input.threadId,
      input.quotedReplyId ?? '',
      input.body,
    ]);
    const company = await this.gate.bySlug(input.companySlug);
    const thread = await this.threads.findPublishedPlace(input.threadId);
    if (!thread) throw new ForumError(ForumErrorCode.ThreadNotFound);
    // A company board accepts only tokens of its company.
    if (thread.boardSlug === null && thread.companyId !== company.id) throw new ForumError(ForumErrorCode.TokenInvalid);
    if (input.quotedReplyId && !(await this.replies.isPublishedIn(input.quotedReplyId, input.threadId))) {
      throw new ForumError(ForumErrorCode.QuotedReplyNotFound);
    }
    await this.gate.assertOpen(company);
    const redemption = this.redemption.verify(token, company, TokenKind.Post);
    const now = bucketed(this.config.anonymity.timeBucketSeconds);
    return this.dataSource.transaction(async (m) => {
      await this.redemption.spend(m, redemption);
      const id = await this.replies.insert(m, {
        threadId: input.threadId,
        companyId: company.id,
        quotedReplyId: input.quotedReplyId ?? null,
        body,
        authorKey: Buffer.from(authorKey),
        createdAt: now,
      });
      await this.outbox.enqueue(
        m,
        ContentType.Reply,
        id,
        publicationDelayMs(this.config),
        publicationDueAt(this.config),
      );
      return { id, status: ContentStatus.Pending };
    });
  }

  async editThread(input: EditThreadInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.threads.findAuthored(input.id);
    if (!row) throw new ForumError(ForumErrorCode.ThreadNotFound);
    verifyAuthorship(row.authorKey, input.signature, 'edit-thread', [
      input.id,
      input.revision,
      input.title,
      input.body,
    ]);
    assertEditable(this.config, new Date(row.createdAt));
    const title = requiredText(input.title, { field: 'title', max: TITLE_MAX });
    const body = requiredText(input.body, { field: 'body', max: BODY_MAX });
    if (row.revision !== input.revision) throw new ForumError(ForumErrorCode.RevisionConflict);
    // Screened before readers see it; held or rejected, the previous revision stays (the author's status says why).
    if (!(await this.edits.admit(ContentType.Thread, row.id, input.revision, `${title}\n${body}`, { title, body }))) {
      return { id: row.id, status: row.status as ContentStatus };
    }
    const editedAt = bucketed(this.config.anonymity.timeBucketSeconds);
    if (!(await this.threads.edit(input.id, input.revision, title, body, editedAt))) {
      throw new ForumError(ForumErrorCode.RevisionConflict);
    }
    return { id: row.id, status: row.status as ContentStatus };
  }

  async editReply(input: EditReplyInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.replies.findAuthored(input.id);
    if (!row) throw new ForumError(ForumErrorCode.ReplyNotFound);
    verifyAuthorship(row.authorKey, input.signature, 'edit-reply', [input.id, input.revision, input.body]);
    assertEditable(this.config, new Date(row.createdAt));
    const body = requiredText(input.body, { field: 'body', max: BODY_MAX });
    if (row.revision !== input.revision) throw new ForumError(ForumErrorCode.RevisionConflict);
    if (!(await this.edits.admit(ContentType.Reply, row.id, input.revision, body, { body }))) {
      return { id: row.id, status: row.status as ContentStatus };
    }
    const editedAt = bucketed(this.config.anonymity.timeBucketSeconds);
    if (!(await this.replies.edit(input.id, input.revision, body, editedAt))) {
      throw new ForumError(ForumErrorCode.RevisionConflict);
    }
    return { id: row.id, status: row.status as ContentStatus };
  }

  /** Deleting erases the text (the row stays so replies and quotes keep their place). */
  async deleteThread(input: DeleteContentInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.threads.findAuthored(input.id);
    if (!row) throw new ForumError(ForumErrorCode.ThreadNotFound);
    verifyAuthorship(row.authorKey, input.signature, 'delete-thread', [input.id]);
    await this.threads.softDelete(input.id);
    return { id: row.id, status: ContentStatus.Deleted };
  }

  async deleteReply(input: DeleteContentInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.replies.findAuthored(input.id);
    if (!row) throw new ForumError(ForumErrorCode.ReplyNotFound);
    verifyAuthorship(row.authorKey, input.signature, 'delete-reply', [input.id]);
    await this.dataSource.transaction(async (m) => {
      const was = await this.replies.softDelete(m, input.id);
      if (was === ContentStatus.Published) await this.threads.countReplyOut(m, row.threadId);
    });
    return { id: row.id, status: ContentStatus.Deleted };
  }
}
