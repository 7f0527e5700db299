import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import type { ContentStatus } from '@unlinked/db/anonymous';
import { DataSource } from 'typeorm';
import {
  CommonError,
  CommonErrorCode,
  decodeCursor,
  toConnection,
  type Connection,
  type CursorPart,
} from '@unlinked/platform';
import { threadHandle } from './authorship/handle.js';
import type { RepliesArgs, ReviewsArgs, SearchArgs, ThreadsArgs } from './dto/forum.inputs.js';
import { ForumError, ForumErrorCode } from './forum.errors.js';
import {
  ReviewSort,
  ThreadSort,
  type BusinessOutlook,
  type CeoApproval,
  type EmploymentStatus,
  type TenureBucket,
} from './models/forum-enums.js';
import type { Board, Reply, Review, ReviewStats, Thread } from './models/forum.models.js';

type Row = Record<string, unknown>;

const THREAD_SORTS: Record<ThreadSort, { column: string; cursor: (r: Row) => string | number; key: CursorPart }> = {
  [ThreadSort.New]: {
    column: 't.created_at',
    cursor: (r) => (r.created_at as Date).toISOString(),
    key: 'timestamp',
  },
  [ThreadSort.Top]: { column: 't.score', cursor: (r) => r.score as number, key: 'number' },
  [ThreadSort.Active]: {
    column: 't.last_activity_at',
    cursor: (r) => (r.last_activity_at as Date).toISOString(),
    key: 'timestamp',
  },
};

const REVIEW_SORTS: Record<ReviewSort, { column: string; cursor: (r: Row) => string | number; key: CursorPart }> = {
  [ReviewSort.Recent]: {
    column: 'r.created_at',
    cursor: (r) => (r.created_at as Date).toISOString(),
    key: 'timestamp',
  },
  [ReviewSort.Helpful]: {
    column: 'r.helpful_count',
    cursor: (r) => r.helpful_count as number,
    key: 'number',
  },
  [ReviewSort.Rating]: {
    column: 'r.overall',
    cursor: (r) => r.overall as number,
    key: 'number',
  },
};

const THREAD_SELECT = `SELECT t.id, t.company_id, t.board_slug, t.title, t.body, t.author_key, t.created_at,
  t.last_activity_at, t.edited_at, t.revision, t.reply_count, t.score, c.slug AS company_slug, c.name AS company_name
  FROM threads t JOIN companies c ON c.id = t.company_id`;

const REVIEW_SELECT = `SELECT r.*, c.slug AS company_slug, c.name AS company_name
  FROM reviews r JOIN companies c ON c.id = r.company_id`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Everything readers see, with no account: keyset pagination on
 * (sort key, id) over partial indexes of published rows, so a page costs the
 * same at row 10 and at row 1,000,000.
 */
@Injectable()
export class ForumReadService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async boards(): Promise<Board[]> {
    return this.dataSource.query(`SELECT slug, name, description FROM boards ORDER BY position`);
  }

  async threads(args: ThreadsArgs): Promise<Connection<Thread>> {
    if (!!args.companySlug === !!args.board) {
      throw new CommonError(CommonErrorCode.BadUserInput, 'Give exactly one of companySlug and board.');
    }
    const sort = THREAD_SORTS[args.sort];
    const params: unknown[] = [];
    let where: string;
    if (args.companySlug) {
      const [company] = (await this.dataSource.query(`SELECT id FROM companies WHERE slug = $1`, [
        args.companySlug,
      ])) as {
        id: string;
      }[];
      if (!company) throw new ForumError(ForumErrorCode.CompanyNotFound);
      params.push(company.id);
      where = `t.company_id = $1 AND t.board_slug IS NULL`;
    } else {
      params.push(args.board);
      where = `t.board_slug = $1`;
    }
    if (args.after) {
      const [key, id] = decodeCursor(args.after, [sort.key, 'uuid']);
      params.push(key, id);
      where += ` AND (${sort.column}, t.id) < ($2, $3)`;
    }
    const rows = (await this.dataSource.query(
      `${THREAD_SELECT} WHERE ${where} AND t.status = 'published'
       ORDER BY ${sort.column} DESC, t.id DESC LIMIT ${args.first + 1}`,
      params,
    )) as Row[];
    return toConnection(rows, args.first, (r) => [sort.cursor(r), r.id as string], toThread);
  }

  async thread(id: string): Promise<Thread> {
    const [row] = (await this.dataSource.query(`${THREAD_SELECT} WHERE t.id = $1 AND t.status = 'published'`, [
      id,
    ])) as Row[];
    if (!row) throw new ForumError(ForumErrorCode.ThreadNotFound);
    return toThread(row);
  }

  async replies(threadId: string, args: RepliesArgs): Promise<Connection<Reply>> {
    const params: unknown[] = [threadId];
    let where = `r.thread_id = $1 AND r.status = 'published'`;
    if (args.after) {
      const [at, id] = decodeCursor(args.after, ['timestamp', 'uuid']);
      params.push(at, id);
      where += ` AND (r.created_at, r.id) > ($2, $3)`;
    }
    const rows = (await this.dataSource.query(
      `SELECT r.id, r.thread_id, r.body, r.quoted_reply_id, r.author_key, r.created_at, r.edited_at, r.revision, r.score,
         r.author_key = t.author_key AS is_op, c.slug AS company_slug, c.name AS company_name
       FROM replies r JOIN threads t ON t.id = r.thread_id JOIN companies c ON c.id = r.company_id
       WHERE ${where} ORDER BY r.created_at, r.id LIMIT ${args.first + 1}`,
      params,
    )) as Row[];
    return toConnection(rows, args.first, (r) => [(r.created_at as Date).toISOString(), r.id as string], toReply);
  }

  async reviews(args: ReviewsArgs): Promise<Connection<Review>> {
    const sort = REVIEW_SORTS[args.sort];
    const [company] = (await this.dataSource.query(`SELECT id FROM companies WHERE slug = $1`, [args.companySlug])) as {
      id: string;
    }[];
    if (!company) throw new ForumError(ForumErrorCode.CompanyNotFound);
    const params: unknown[] = [company.id];
    let where = `r.company_id = $1 AND r.status = 'published'`;
    if (args.employment) {
      params.push(args.employment);
      where += ` AND r.employment = $${params.length}`;
    }
    if (args.after) {
      const [key, id] = decodeCursor(args.after, [sort.key, 'uuid']);
      params.push(key, id);
      where += ` AND (${sort.column}, r.id) < ($${params.length - 1}, $${params.length})`;
    }
    const rows = (await this.dataSource.query(
      `${REVIEW_SELECT} WHERE ${where} ORDER BY ${sort.column} DESC, r.id DESC LIMIT ${args.first + 1}`,
      params,
    )) as Row[];
    return toConnection(rows, args.first, (r) => [sort.cursor(r), r.id as string], toReview);
  }

  /**
   * Full-text search: words through the 'simple' tsvector (GIN), and any
   * substring (Chinese has no spaces to split words on) through the pg_trgm
   * GIN index on the same text. Newest first, keyset on (created_at, id).
   */
  async searchThreads(args: SearchArgs): Promise<Connection<Thread>> {
    const { where, params } = this.searchWhere(args, 't', `t.title || ' ' || t.body`);
    const rows = (await this.dataSource.query(
      `${THREAD_SELECT} WHERE ${where} ORDER BY t.created_at DESC, t.id DESC LIMIT ${args.first + 1}`,
      params,
    )) as Row[];
    return toConnection(rows, args.first, (r) => [(r.created_at as Date).toISOString(), r.id as string], toThread);
  }

  async searchReviews(args: SearchArgs): Promise<Connection<Review>> {
    const { where, params } = this.searchWhere(args, 'r', `r.pros || ' ' || r.cons || ' ' || coalesce(r.advice, '')`);
    const rows = (await this.dataSource.query(
      `${REVIEW_SELECT} WHERE ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT ${args.first + 1}`,
      params,
    )) as Row[];
    return toConnection(rows, args.first, (r) => [(r.created_at as Date).toISOString(), r.id as string], toReview);
  }

  private searchWhere(args: SearchArgs, alias: string, text: string): { where: string; params: unknown[] } {
    const query = args.query.normalize('NFC').trim();
    if ([...query].length < 2) throw new CommonError(CommonErrorCode.BadUserInput, 'Search for at least 2 characters.');
    const params: unknown[] = [query, `%${escapeLike(query)}%`];
    let where = `${alias}.status = 'published'
      AND (${alias}.search_vector @@ plainto_tsquery('simple', $1) OR (${text}) ILIKE $2)`;
    if (args.companySlug) {
      params.push(args.companySlug);
      where += ` AND c.slug = $${params.length}`;
    }
    if (args.after) {
      const [at, id] = decodeCursor(args.after, ['timestamp', 'uuid']);
      params.push(at, id);
      where += ` AND (${alias}.created_at, ${alias}.id) < ($${params.length - 1}, $${params.length})`;
    }
    return { where, params };
  }

  /** The author's view of its own write: PENDING until the delayed publication, then PUBLISHED. */
  async contentStatus(id: string): Promise<ContentStatus> {
    const [row] = (await this.dataSource.query(
      `SELECT status FROM threads WHERE id = $1 UNION ALL SELECT status FROM replies WHERE id = $1
       UNION ALL SELECT status FROM reviews WHERE id = $1`,
      [id],
    )) as { status: ContentStatus }[];
    if (!row) throw new ForumError(ForumErrorCode.ContentNotFound);
    return row.status;
  }

  async reviewStats(companyId: string): Promise<ReviewStats> {
    const [s] = (await this.dataSource.query(`SELECT * FROM company_review_stats WHERE company_id = $1`, [
      companyId,
    ])) as Record<string, number>[];
    const n = s?.review_count ?? 0;
    const visible = n > 0 && n >= this.config.anonymity.minReviewsForAggregates;
    if (!visible) {
      return {
        reviewCount: n,
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
      aggregatesVisible: true,
      averageOverall: avg(s.overall_sum),
      ratingDistribution: [s.overall_1, s.overall_2, s.overall_3, s.overall_4, s.overall_5],
      subRatings: {
        culture: avg(s.culture_sum),
        workLife: avg(s.work_life_sum),
        seniorManagement: avg(s.senior_management_sum),
        compensation: avg(s.compensation_sum),
        career: avg(s.career_sum),
        diversity: avg(s.diversity_sum),
      },
      ceoApprovalPercent: pct(s.ceo_approve),
      recommendPercent: pct(s.recommend_yes),
      outlook: {
        positivePercent: pct(s.outlook_positive),
        neutralPercent: pct(s.outlook_neutral),
        negativePercent: pct(s.outlook_negative),
      },
      currentEmployeeCount: s.current_count,
      formerEmployeeCount: s.former_count,
    };
  }
}

function badge(r: Row) {
  return { slug: r.company_slug as string, name: r.company_name as string };
}

export function toThread(r: Row): Thread {
  return {
    id: r.id as string,
    company: badge(r),
    board: (r.board_slug as string | null) ?? null,
    title: r.title as string,
    body: r.body as string,
    authorHandle: threadHandle(r.id as string, r.author_key as Uint8Array),
    createdAt: r.created_at as Date,
    lastActivityAt: r.last_activity_at as Date,
    edited: r.edited_at !== null,
    revision: r.revision as number,
    replyCount: r.reply_count as number,
    score: r.score as number,
  };
}

function toReply(r: Row): Reply {
  return {
    id: r.id as string,
    threadId: r.thread_id as string,
    company: badge(r),
    body: r.body as string,
    quotedReplyId: (r.quoted_reply_id as string | null) ?? null,
    authorHandle: threadHandle(r.thread_id as string, r.author_key as Uint8Array),
    isOp: r.is_op === true,
    createdAt: r.created_at as Date,
    edited: r.edited_at !== null,
    revision: r.revision as number,
    score: r.score as number,
  };
}

function toReview(r: Row): Review {
  return {
    id: r.id as string,
    company: badge(r),
    overall: r.overall as number,
    culture: r.culture as number,
    workLife: r.work_life as number,
    seniorManagement: r.senior_management as number,
    compensation: r.compensation as number,
    career: r.career as number,
    diversity: r.diversity as number,
    ceoApproval: r.ceo_approval as CeoApproval,
    recommend: r.recommend as boolean,
    outlook: r.outlook as BusinessOutlook,
    employment: r.employment as EmploymentStatus,
    jobTitle: (r.job_title as string | null) ?? null,
    location: (r.location as string | null) ?? null,
    tenure: (r.tenure as TenureBucket | null) ?? null,
    pros: r.pros as string,
    cons: r.cons as string,
    advice: (r.advice as string | null) ?? null,
    helpfulCount: r.helpful_count as number,
    createdAt: r.created_at as Date,
    edited: r.edited_at !== null,
    revision: r.revision as number,
  };
}
