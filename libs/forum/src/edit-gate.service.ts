import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import type { ContentType } from '@unlinked/db/anonymous';
import { DataSource } from 'typeorm';
import { InjectForumDb } from '@unlinked/db/anonymous';
import { EDIT_SCREENER, type EditScreener } from './edit-screening.js';
import { ForumError, ForumErrorCode } from './forum.errors.js';
import { ContentRepository } from './repositories/content.repository.js';
import { PendingRevisionsRepository } from './repositories/pending-revisions.repository.js';
import { bucketed } from './time-bucket.js';

/**
 * Every edit (threads, replies, reviews) is screened before readers see it
 * (issue 12). An edit that passes is applied by the caller, and any earlier
 * held or rejected edit is forgotten; one that is held or rejected is not
 * applied (the previous revision stays visible) and is recorded for the
 * author's `contentModerationStatus`.
 */
@Injectable()
export class EditGateService {
  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EDIT_SCREENER) private readonly screener: EditScreener,
    private readonly content: ContentRepository,
    private readonly pending: PendingRevisionsRepository,
  ) {}

  /** Screens the edit; returns whether the caller may apply it now. */
  async admit(
    type: ContentType,
    id: string,
    baseRevision: number,
    text: string,
    fields: Record<string, unknown>,
  ): Promise<boolean> {
    const [view] = await this.content.views(this.dataSource.manager, [{ type, id }]);
    if (!view) throw new ForumError(ForumErrorCode.ContentNotFound);
    const verdict = await this.screener.screenEdit({
      type,
      id,
      companyId: view.companyId,
      boardSlug: view.boardSlug,
      threadId: view.threadId,
      text,
    });
    if (verdict.outcome === 'publish') {
      await this.pending.clear(type, id);
      return true;
    }
    await this.pending.put(type, id, {
      baseRevision,
      state: verdict.outcome === 'hold' ? 'held' : 'rejected',
      screeningHits: verdict.hits.map((h) => ({ ...h })),
      rejectReason: verdict.rejectReason,
      fields: verdict.outcome === 'hold' ? fields : null,
      createdAt: bucketed(this.config.anonymity.timeBucketSeconds),
    });
    return false;
  }
}
