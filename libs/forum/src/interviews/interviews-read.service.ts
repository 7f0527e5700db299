import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { toConnection, type Connection } from '@unlinked/platform';
import { CompanyGateService } from '../company-gate.service.js';
import { badge, cursor, searchQuery } from '../forum-read.service.js';
import type { SearchArgs } from '../dto/forum.inputs.js';
import type { InterviewsArgs } from './interview.inputs.js';
import {
  PROCESS_LENGTHS,
  type InterviewExperience,
  type InterviewOutcome,
  type InterviewSource,
  type ProcessLength,
} from './interview-enums.js';
import type { CompanyInterviewStats, Interview, InterviewStats } from './interview.models.js';
import { ALL_TITLES, InterviewStatsRepository, type InterviewStatsRow } from './interview-stats.repository.js';
import { INTERVIEW_SORTS, InterviewsRepository, type InterviewPageRow } from './interviews.repository.js';
import { titleKeyOf } from './job-titles.js';

/** What readers see of interview reviews, with no account; keyset pages as ForumReadService. */
@Injectable()
export class InterviewsReadService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gate: CompanyGateService,
    private readonly repo: InterviewsRepository,
    private readonly stats: InterviewStatsRepository,
  ) {}

  async interviews(args: InterviewsArgs): Promise<Connection<Interview>> {
    const sort = INTERVIEW_SORTS[args.sort];
    const company = await this.gate.bySlug(args.companySlug);
    const after = args.after ? cursor(args.after, sort.key) : null;
    const filter = {
      titleKey: args.jobTitle ? titleKeyOf(args.jobTitle) : undefined,
      outcome: args.outcome,
      experience: args.experience,
    };
    const rows = await this.repo.page(company.id, filter, args.sort, after, args.first + 1);
    return toConnection(
      rows,
      args.first,
      (r) => [sort.cursor(r), r.id],
      (r) => this.toInterview(r),
    );
  }

  /** Published interviews with a matching question, newest first. */
  async searchInterviews(args: SearchArgs): Promise<Connection<Interview>> {
    const query = searchQuery(args);
    const after = args.after ? cursor(args.after, 'number') : null;
    const rows = await this.repo.search(query, args.companySlug, after, args.first + 1);
    return toConnection(
      rows,
      args.first,
      (r) => [Number(r.published_seq), r.id],
      (r) => this.toInterview(r),
    );
  }

  /** The company's aggregates, and each title's that has enough reports. */
  async companyStats(companyId: string): Promise<CompanyInterviewStats> {
    const min = this.config.anonymity.minInterviewReports;
    const rows = await this.stats.forCompany(companyId, min);
    const overall = rows.find((r) => r.title_key === ALL_TITLES);
    return {
      overall: toStats(overall, min),
      byTitle: rows.filter((r) => r.title_key !== ALL_TITLES).map((r) => toStats(r, min)),
    };
  }

  /** One title's aggregates at a company (null aggregates below the minimum). */
  async titleStats(companyId: string, jobTitle: string): Promise<InterviewStats> {
    const min = this.config.anonymity.minInterviewReports;
    const key = titleKeyOf(jobTitle);
    const row = await this.stats.forTitle(companyId, key);
    return { ...toStats(row, min), jobTitleKey: key, jobTitle: row?.job_title ?? jobTitle };
  }

  private toInterview(r: InterviewPageRow): Interview {
    // Privacy rule 9, read by read: the chosen company shows only while it has K verified members.
    const shown =
      r.shown_slug !== null && (r.shown_verified ?? 0) >= this.config.anonymity.minVerifiedForBoard
        ? { slug: r.shown_slug, name: r.shown_name! }
        : null;
    return {
      id: r.id,
      company: badge(r),
      candidateCompany: shown,
      jobTitle: r.job_title,
      jobTitleKey: r.title_key,
      month: r.month,
      source: r.source as InterviewSource,
      difficulty: r.difficulty,
      experience: r.experience as InterviewExperience,
      outcome: r.outcome as InterviewOutcome,
      processLength: r.process_length as ProcessLength,
      stages: r.stages,
      questions: r.questions,
      createdAt: r.created_at,
      demo: r.demo,
    };
  }
}

const percent = (part: number, whole: number) => Math.round((1000 * part) / whole) / 10;

/** Aggregates from the counters; null everywhere below `min` reports. */
function toStats(r: InterviewStatsRow | undefined, min: number): InterviewStats {
  const n = r?.report_count ?? 0;
  const title = r && r.title_key !== ALL_TITLES ? { jobTitle: r.job_title, jobTitleKey: r.title_key } : null;
  const base = {
    jobTitle: title?.jobTitle ?? null,
    jobTitleKey: title?.jobTitleKey ?? null,
    reportCount: n,
    minimumReports: min,
  };
  if (!r || n < min) {
    return {
      ...base,
      aggregatesVisible: false,
      difficultyAverage: null,
      experience: null,
      offerRate: null,
      typicalProcessLength: null,
    };
  }
  const offers = r.offer_accepted + r.offer_declined;
  const decided = offers + r.no_offer;
  const lengths = [r.length_lt1w, r.length_1to2w, r.length_2to4w, r.length_1to2m, r.length_gt2m];
  // The bucket holding the median report: the first whose running count passes half.
  let running = 0;
  const median = lengths.findIndex((c) => (running += c) * 2 >= n);
  return {
    ...base,
    aggregatesVisible: true,
    difficultyAverage: Math.round((10 * r.difficulty_sum) / n) / 10,
    experience: {
      positive: percent(r.experience_positive, n),
      neutral: percent(r.experience_neutral, n),
      negative: percent(r.experience_negative, n),
    },
    offerRate: decided > 0 ? percent(offers, decided) : null,
    typicalProcessLength: PROCESS_LENGTHS[median],
  };
}
