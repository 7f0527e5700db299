import { Inject, Injectable } from '@nestjs/common';
import { PendingRevisionsRepository } from '@unlinked/forum';
import type { ContentType } from '@unlinked/db/anonymous';
import { DataSource } from 'typeorm';
import { InjectForumDb } from '@unlinked/db/anonymous';
import { CONTENT_GATEWAY, refKey, type ContentGateway, type ContentRef } from '../content/content-gateway.js';
import type { ContentModerationStatus } from '../models/content-moderation-status.model.js';
import type { ModerationReason, ModerationStateEnum } from '../models/moderation.enums.js';
import { ModerationError, ModerationErrorCode } from '../moderation.errors.js';
import { ModerationService } from '../moderation.service.js';
import { rejectMessage, type ScreeningRejectReason } from '../screening/screening.engine.js';
import { assertFresh, verifyModerationProof } from './author-proof.js';

/** What the holder of a content's author key may see and do about its moderation. */
@Injectable()
export class AuthorModerationService {
  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    private readonly moderation: ModerationService,
    @Inject(CONTENT_GATEWAY) private readonly content: ContentGateway,
    private readonly revisions: PendingRevisionsRepository,
  ) {}

  async status(ref: ContentRef, issuedAt: number, signature: string): Promise<ContentModerationStatus> {
    assertFresh(issuedAt);
    await this.verify(ref, signature, 'moderation-status', [ref.type, ref.id, String(issuedAt)]);
    const item = await this.moderation.itemFor(ref);
    const reject = (item?.rejectReason ?? null) as ScreeningRejectReason | null;
    const edit = await this.revisions.find(ref.type as ContentType, ref.id);
    const editReject = (edit?.rejectReason ?? null) as ScreeningRejectReason | null;
    return {
      state: (item?.state ?? null) as ModerationStateEnum | null,
      screeningHits: item?.screeningHits ?? [],
      rejectReason: reject,
      rejectMessage: reject ? rejectMessage(reject) : null,
      removalReason: (item?.removalReason ?? null) as ModerationReason | null,
      appealed: item?.appealed ?? false,
      canAppeal: item?.state === 'removed' && !item.appealed,
      pendingEdit: edit
        ? {
            revision: edit.baseRevision,
            state: edit.state as ModerationStateEnum,
            screeningHits: edit.screeningHits as ContentModerationStatus['screeningHits'],
            rejectReason: editReject,
            rejectMessage: editReject ? rejectMessage(editReject) : null,
          }
        : null,
    };
  }

  async appeal(ref: ContentRef, statement: string, signature: string): Promise<ContentModerationStatus> {
    await this.verify(ref, signature, 'appeal', [ref.type, ref.id, statement]);
    const item = await this.moderation.itemFor(ref);
    if (!item) throw new ModerationError(ModerationErrorCode.NotRemoved);
    const updated = await this.moderation.appeal(item.id, statement);
    return {
      state: updated.state as ModerationStateEnum,
      screeningHits: updated.screeningHits,
      rejectReason: null,
      rejectMessage: null,
      removalReason: updated.removalReason as ModerationReason | null,
      appealed: true,
      canAppeal: false,
      pendingEdit: null,
    };
  }

  private async verify(ref: ContentRef, signature: string, op: 'moderation-status' | 'appeal', fields: string[]) {
    const content = (await this.content.load(this.dataSource.manager, [ref])).get(refKey(ref));
    if (!content) throw new ModerationError(ModerationErrorCode.ContentNotFound);
    verifyModerationProof(content.authorKey, signature, op, fields);
  }
}
