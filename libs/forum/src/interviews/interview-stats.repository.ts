import { InjectForumDb } from '@unlinked/db/anonymous';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The columns of an interviews row the aggregates count. */
export interface InterviewCounted {
  company_id: string;
  title_key: string;
  job_title: string;
  difficulty: number;
  experience: string;
  outcome: string;
  process_length: string;
}

/** An interview_stats row as stored (counters are int4: pg returns numbers). */
export interface InterviewStatsRow {
  company_id: string;
  title_key: string;
  job_title: string;
  report_count: number;
  difficulty_sum: number;
  experience_positive: number;
  experience_neutral: number;
  experience_negative: number;
  offer_accepted: number;
  offer_declined: number;
  no_offer: number;
  waiting: number;
  length_lt1w: number;
  length_1to2w: number;
  length_2to4w: number;
  length_1to2m: number;
  length_gt2m: number;
}

const COUNTERS = [
  'report_count',
  'difficulty_sum',
  'experience_positive',
  'experience_neutral',
  'experience_negative',
  'offer_accepted',
  'offer_declined',
  'no_offer',
  'waiting',
  'length_lt1w',
  'length_1to2w',
  'length_2to4w',
  'length_1to2m',
  'length_gt2m',
] as const;

/** The whole company's row: title_key ''. */
export const ALL_TITLES = '';

/**
 * Interview aggregates, one row per company (title_key '') and one per
 * company and title, published interviews only, maintained where content is
 * published and taken out of view (PublicationService), never recomputed per
 * read.
 */
@Injectable()
export class InterviewStatsRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  /** The company's row and its title rows with at least `minReports`, most reported first. */
  forCompany(companyId: string, minReports: number): Promise<InterviewStatsRow[]> {
    return this.dataSource.query(
      `SELECT * FROM interview_stats WHERE company_id = $1 AND (title_key = '' OR report_count >= $2)
       ORDER BY title_key <> '', report_count DESC, title_key`,
      [companyId, minReports],
    );
  }

  async forTitle(companyId: string, titleKey: string): Promise<InterviewStatsRow | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT * FROM interview_stats WHERE company_id = $1 AND title_key = $2`,
      [companyId, titleKey],
    )) as InterviewStatsRow[];
    return row;
  }

  /**
   * Adds (sign 1) or removes (sign -1) one interview from its company's row and
   * its title's row with one atomic upsert. Concurrent publications serialise
   * on the rows, always in the same order (the company row first), so counts
   * stay exact and two writers never deadlock.
   */
  async apply(manager: EntityManager, r: InterviewCounted, sign: 1 | -1): Promise<void> {
    const b = (cond: boolean) => (cond ? sign : 0);
    const counts = [
      sign,
      sign * r.difficulty,
      b(r.experience === 'positive'),
      b(r.experience === 'neutral'),
      b(r.experience === 'negative'),
      b(r.outcome === 'offer_accepted'),
      b(r.outcome === 'offer_declined'),
      b(r.outcome === 'no_offer'),
      b(r.outcome === 'waiting'),
      b(r.process_length === 'lt1w'),
      b(r.process_length === '1to2w'),
      b(r.process_length === '2to4w'),
      b(r.process_length === '1to2m'),
      b(r.process_length === 'gt2m'),
    ];
    const n = COUNTERS.length;
    const row = (offset: number) =>
      `($1, $${offset}, $${offset + 1}, ${COUNTERS.map((_, i) => `$${i + 2}`).join(', ')})`;
    await manager.query(
      `INSERT INTO interview_stats (company_id, title_key, job_title, ${COUNTERS.join(', ')})
       VALUES ${row(n + 2)}, ${row(n + 4)}
       ON CONFLICT (company_id, title_key) DO UPDATE SET
         ${COUNTERS.map((c) => `${c} = interview_stats.${c} + EXCLUDED.${c}`).join(', ')}`,
      [r.company_id, ...counts, ALL_TITLES, '', r.title_key, r.job_title],
    );
  }
}
