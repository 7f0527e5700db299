import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import type { CompanyReviewStatsEntity, ContentStatus } from '@unlinked/db/anonymous';
import {
  CommonError,
  CommonErrorCode,
  decodeCursor,
  toConnection,
  type Connection,
  type CursorPart,
} from '@unlinked/platform';
import { threadHandle } from './authorship/handle.js';
import { CompanyGateService, type CompanyRef } from './company-gate.service.js';
import type { RepliesArgs, ReviewsArgs, SearchArgs, ThreadsArgs } from './dto/forum.inputs.js';
import { ForumError, ForumErrorCode } from './forum.errors.js';
import type { BusinessOutlook, CeoApproval, EmploymentStatus, TenureBucket } from './models/forum-enums.js';
import type { Board, Reply, Review, ReviewStats, Thread } from './models/forum.models.js';
import { BoardsRepository } from './repositories/boards.repository.js';
import { ContentRepository } from './repositories/content.repository.js';
import { RepliesRepository, type ReplyRow } from './repositories/replies.repository.js';
import { ReviewStatsRepository } from './repositories/review-stats.repository.js';
import { REVIEW_SORTS, ReviewsRepository, type ReviewPageRow } from './repositories/reviews.repository.js';
import { THREAD_SORTS, ThreadsRepository, type After, type ThreadRow } from './repositories/threads.repository.js';

/**
 * Everything readers see, with no account: keyset pagination on
 * (sort key, id) over partial indexes of published rows, so a page costs the
 * same at row 10 and at row 1,000,000.
 */
@Injectable()
export class ForumReadService {
  /** One stats loader per request (keyed on its request object): a page of N companies reads their stats in one query. */
  private readonly statsLoaders = new WeakMap<object, DataLoader<string, CompanyReviewStatsEntity | null>>();
  /**
   * Company ids by slug for reads: every board and review page starts from one, and a company's slug and id never
   * change, so a read need not look it up each time (writes still do). An unknown slug is not kept.
   */
  private readonly companyIds = new LRUCache<string, CompanyRef>({ max: 10_000, ttl: 10 * 60_000 });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gate: CompanyGateService,
    private readonly boardsRepo: BoardsRepository,
    private readonly threadsRepo: ThreadsRepository,
    private readonly repliesRepo: RepliesRepository,
    private readonly reviewsRepo: ReviewsRepository,
    private readonly content: ContentRepository,
    private readonly stats: ReviewStatsRepository,
  ) {}

  async boards(): Promise<Board[]> {
    return this.boardsRepo.all();
  }

  async threads(args: ThreadsArgs): Promise<Connection<Thread>> {
    if (!!args.companySlug === !!args.board) {
      throw new CommonError(CommonErrorCode.BadUserInput, 'Give exactly one of companySlug and board.');
    }
    const sort = THREAD_SORTS[args.sort];
    const where = args.companySlug ? { companyId: (await this.company(args.companySlug)).id } : { board: args.board! };
    const after = args.after ? cursor(args.after, sort.key) : null;
    const rows = await this.threadsRepo.page(where, args.sort, after, args.first + 1);
    return toConnection(rows, args.first, (r) => [sort.cursor(r), r.id], toThread);
  }

  async thread(id: string): Promise<Thread> {
    const row = await this.threadsRepo.findPublished(id);
    if (!row) throw new ForumError(ForumErrorCode.ThreadNotFound);
    return toThread(row);
  }

  async replies(threadId: string, args: RepliesArgs): Promise<Connection<Reply>> {
    const after = args.after ? cursor(args.after, 'number') : null;
    const rows = await this.repliesRepo.page(threadId, after, args.first + 1);
    return toConnection(rows, args.first, (r) => [Number(r.published_seq), r.id], toReply);
  }

  async reviews(args: ReviewsArgs): Promise<Connection<Review>> {
    const sort = REVIEW_SORTS[args.sort];
    const company = await this.company(args.companySlug);
    const after = args.after ? cursor(args.after, sort.key) : null;
    const rows = await this.reviewsRepo.page(company.id, args.employment, args.sort, after, args.first + 1);
    return toConnection(rows, args.first, (r) => [sort.cursor(r), r.id], toReview);
  }

  /** Full-text search over published threads (words and any substring), newest first. */
  async searchThreads(args: SearchArgs): Promise<Connection<Thread>> {
    const query = searchQuery(args);
    const after = args.after ? cursor(args.after, 'number') : null;
    const rows = await this.threadsRepo.search(query, args.companySlug, after, args.first + 1);
    return toConnection(rows, args.first, (r) => [Number(r.published_seq), r.id], toThread);
  }

  async searchReviews(args: SearchArgs): Promise<Connection<Review>> {
    const query = searchQuery(args);
    const after = args.after ? cursor(args.after, 'number') : null;
    const rows = await this.reviewsRepo.search(query, args.companySlug, after, args.first + 1);
    return toConnection(rows, args.first, (r) => [Number(r.published_seq), r.id], toReview);
  }

  private async company(slug: string): Promise<CompanyRef> {
    let ref = this.companyIds.get(slug);
    if (!ref) {
      ref = await this.gate.bySlug(slug);
      this.companyIds.set(slug, ref);
    }
    return ref;
  }

  /** The author's view of its own write: PENDING until the delayed publication, then PUBLISHED. */
  async contentStatus(id: string): Promise<ContentStatus> {
    const status = await this.content.status(id);
    if (!status) throw new ForumError(ForumErrorCode.ContentNotFound);
    return status as ContentStatus;
  }

  /** `request` scopes the batch: the stats of every company resolved in one request come from one query. */
  async reviewStats(companyId: string, request: object): Promise<ReviewStats> {
    let loader = this.statsLoaders.get(request);
    if (!loader) {
      loader = new DataLoader(async (ids: readonly string[]) => {
        const rows = new Map((await this.stats.forCompanies(ids)).map((r) => [r.companyId, r]));
        return ids.map((id) => rows.get(id) ?? null);
      });
      this.statsLoaders.set(request, loader);
    }
    const s = await loader.load(companyId);
    const n = s?.reviewCount ?? 0;
    const minimumReviews = this.config.anonymity.minReviewsForAggregates;
    const visible = s !== null && n > 0 && n >= minimumReviews;
    if (!visible) {
      return {
        reviewCount: n,
        minimumReviews,
        aggregatesVisible: false,
        averageOverall: null,
        ratingDistribution: null,
        subRatings: null,
        ceoApprovalPercent: null,
        recommendPercent: null,
        outlook: null,
        currentEmployeeCount: null,
        formerEmployeeCount: null,
      };
    }
    const avg = (sum: number) => Math.round((sum / n) * 100) / 100;
    const pct = (count: number) => Math.round((count / n) * 1000) / 10;
    return {
      reviewCount: n,
      minimumReviews,
      aggregatesVisible: true,
      averageOverall: avg(s.overallSum),
      ratingDistribution: [s.overall1, s.overall2, s.overall3, s.overall4, s.overall5],
      subRatings: {
        culture: avg(s.cultureSum),
        workLife: avg(s.workLifeSum),
        seniorManagement: avg(s.seniorManagementSum),
        compensation: avg(s.compensationSum),
        career: avg(s.careerSum),
        diversity: avg(s.diversitySum),
      },
      ceoApprovalPercent: pct(s.ceoApprove),
      recommendPercent: pct(s.recommendYes),
      outlook: {
        positivePercent: pct(s.outlookPositive),
        neutralPercent: pct(s.outlookNeutral),
        negativePercent: pct(s.outlookNegative),
      },
      currentEmployeeCount: s.currentCount,
      formerEmployeeCount: s.formerCount,
    };
  }
}

export function cursor(after: string, key: CursorPart): After {
  const [value, id] = decodeCursor(after, [key, 'uuid']);
  return [value, id as string];
}

export function searchQuery(args: Pick<SearchArgs, 'query'>): string {
  const query = args.query.normalize('NFC').trim();
  if ([...query].length < 2) throw new CommonError(CommonErrorCode.BadUserInput, 'Search for at least 2 characters.');
  return query;
}

export function badge(r: { company_slug: string; company_name: string; company_name_zh?: string | null }) {
  return { slug: r.company_slug, name: r.company_name, nameZh: r.company_name_zh ?? null };
}

export function toThread(r: ThreadRow): Thread {
  return {
    id: r.id,
    company: badge(r),
    board: r.board_slug ?? null,
    title: r.title,
    body: r.body,
    authorHandle: threadHandle(r.id, r.author_key),
    createdAt: r.created_at,
    lastActivityAt: r.last_activity_at,
    edited: r.edited_at !== null,
    revision: r.revision,
    replyCount: r.reply_count,
    score: r.score,
  };
}

function toReply(r: ReplyRow): Reply {
  return {
    id: r.id,
    threadId: r.thread_id,
    company: badge(r),
    body: r.body,
    quotedReplyId: r.quoted_reply_id ?? null,
    authorHandle: threadHandle(r.thread_id, r.author_key),
    isOp: r.is_op === true,
    createdAt: r.created_at,
    edited: r.edited_at !== null,
    revision: r.revision,
    score: r.score,
  };
}

export function toReview(r: ReviewPageRow): Review {
  return {
    id: r.id,
    company: badge(r),
    overall: r.overall,
    culture: r.culture,
    workLife: r.work_life,
    seniorManagement: r.senior_management,
    compensation: r.compensation,
    career: r.career,
    diversity: r.diversity,
    ceoApproval: r.ceo_approval as CeoApproval,
    recommend: r.recommend,
    outlook: r.outlook as BusinessOutlook,
    employment: r.employment as EmploymentStatus,
    jobTitle: r.job_title ?? null,
    location: r.location ?? null,
    tenure: (r.tenure as TenureBucket | null) ?? null,
    pros: r.pros,
    cons: r.cons,
    advice: r.advice ?? null,
    helpfulCount: r.helpful_count,
    createdAt: r.created_at,
    edited: r.edited_at !== null,
    revision: r.revision,
  };
}
