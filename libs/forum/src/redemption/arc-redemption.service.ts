import { Injectable } from '@nestjs/common';
import { ARC_PRESENTATION_LIMIT, constantTimeEqual, type ArcToken } from '@unlinked/arc';
import type { ContentType } from '@unlinked/db/anonymous';
import { ArcAction, ArcKeysService } from '@unlinked/platform';
import type { EntityManager } from 'typeorm';
import { ForumError, ForumErrorCode } from '../forum.errors.js';
import { ContentRepository } from '../repositories/content.repository.js';
import { SpentArcTagsRepository } from '../repositories/spent-arc-tags.repository.js';
import { TokenVerifier } from './token-verifier.service.js';

/** An ARC presentation that verified; spending its tag is the caller's transaction's job. */
export interface VerifiedArcPresentation {
  readonly action: ArcAction;
  readonly keyId: Buffer;
  /** The 32-byte redemption context of (action, subject). */
  readonly context: Buffer;
  readonly tag: Buffer;
  /** When the key retires; the spent tag is pruned then. */
  readonly expiresAt: Date;
}

const ALREADY: Record<ArcAction, ForumErrorCode> = {
  [ArcAction.Vote]: ForumErrorCode.AlreadyVoted,
  [ArcAction.Flag]: ForumErrorCode.AlreadyFlagged,
  [ArcAction.Review]: ForumErrorCode.AlreadyReviewed,
  [ArcAction.Salary]: ForumErrorCode.AlreadyReportedSalary,
  [ArcAction.Interview]: ForumErrorCode.AlreadyInterviewReviewed,
};

/**
 * The Origin for ARC presentations (draft-ietf-privacypass-arc-protocol §8.2):
 * verifies a presentation under the company's key of one period, in one
 * context, then spends its tag inside the caller's transaction. A tag is the
 * same for every presentation of one credential in one context (limit 1), so
 * the spent-tag table lets one person act once per context, and stores
 * nothing that links two contexts or a context to a credential.
 *
 * Periods: votes and flags on an item go under the key of the period the item
 * was created in (its `arcPeriod`), so a credential of a later period cannot
 * act on it again; reviews, salary reports and interview reviews go under the current period's key. A key redeems
 * while it is live (its period and the next), then retires with its tags.
 */
@Injectable()
export class ArcRedemptionService {
  constructor(
    private readonly keys: ArcKeysService,
    private readonly tags: SpentArcTagsRepository,
    private readonly content: ContentRepository,
    private readonly verifier: TokenVerifier,
  ) {}

  /** The period whose key takes votes and flags on content created at `createdAt` (its stored, bucketed time). */
  itemPeriod(createdAt: Date): number {
    return this.keys.periodAt(createdAt);
  }

  /** The period of published content (its `arcPeriod`); undefined when it is not published. */
  async publishedItemPeriod(type: ContentType, id: string): Promise<number | undefined> {
    const createdAt = await this.content.publishedCreatedAt(type, id);
    return createdAt && this.itemPeriod(createdAt);
  }

  get periodMonths(): number {
    return this.keys.periodMonths;
  }

  currentPeriod(): number {
    return this.keys.periodAt(this.keys.now());
  }

  /**
   * Pure check, no write (a refused request spends nothing). The key of
   * `period` must be live and be the token's; a token under another live key
   * of the company is a credential of the wrong period. The proof checks run
   * in the verifier's worker threads.
   */
  async verify(
    token: ArcToken,
    company: { id: string; slug: string },
    action: ArcAction,
    subject: string,
    period: number,
  ): Promise<VerifiedArcPresentation> {
    if (!this.keys.isLivePeriod(period)) throw new ForumError(ForumErrorCode.ArcPeriodClosed);
    const key = this.keys.keyFor(company.id, period);
    if (!constantTimeEqual(token.issuerKeyId, key.keyId)) {
      const live = this.keys.liveKeys(company.id).some((k) => constantTimeEqual(k.keyId, token.issuerKeyId));
      throw new ForumError(live ? ForumErrorCode.ArcWrongPeriod : ForumErrorCode.TokenInvalid);
    }
    const challenge = this.keys.challengeMatching(company.slug, action, subject, token.challengeDigest);
    const { x0, x1, x2, x0Blinding } = key.privateKey;
    const outcome = await this.verifier.verify({
      kind: 'arc',
      token: token.serialize(),
      challenge: challenge.serialize(),
      presentationLimit: ARC_PRESENTATION_LIMIT,
      privateKey: { x0, x1, x2, x0Blinding },
      publicKey: key.publicKey.serialize(),
    });
    if (!outcome.ok || !outcome.tag) throw new ForumError(ForumErrorCode.TokenInvalid);
    return {
      action,
      keyId: Buffer.from(key.keyId),
      context: Buffer.from(challenge.redemptionContext),
      tag: Buffer.from(outcome.tag),
      expiresAt: this.keys.retiresAt(period),
    };
  }

  /**
   * Spends the tag; a tag already spent refuses the write with ALREADY_VOTED,
   * ALREADY_FLAGGED, ALREADY_REVIEWED, ALREADY_REPORTED_SALARY or ALREADY_INTERVIEW_REVIEWED (the caller's transaction rolls back,
   * so nothing changes). Call first in the transaction of the write.
   */
  async spend(manager: EntityManager, presentation: VerifiedArcPresentation): Promise<void> {
    const spent = await this.tags.insert(manager, {
      keyId: presentation.keyId,
      context: presentation.context,
      tag: presentation.tag,
      expiresAt: presentation.expiresAt,
    });
    if (!spent) throw new ForumError(ALREADY[presentation.action]);
  }
}
