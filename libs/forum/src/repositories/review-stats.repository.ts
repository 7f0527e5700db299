import { Injectable } from '@nestjs/common';
import { CompanyReviewStatsEntity, InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource, type EntityManager } from 'typeorm';

/** The columns of a review row the aggregates count. */
export interface ReviewScores {
  company_id: string;
  overall: number;
  culture: number;
  work_life: number;
  senior_management: number;
  compensation: number;
  career: number;
  diversity: number;
  ceo_approval: string;
  recommend: boolean;
  outlook: string;
  employment: string;
}

const STATS_COLUMNS = [
  'review_count',
  'overall_sum',
  'overall_1',
  'overall_2',
  'overall_3',
  'overall_4',
  'overall_5',
  'culture_sum',
  'work_life_sum',
  'senior_management_sum',
  'compensation_sum',
  'career_sum',
  'diversity_sum',
  'ceo_approve',
  'ceo_no_opinion',
  'ceo_disapprove',
  'recommend_yes',
  'outlook_positive',
  'outlook_neutral',
  'outlook_negative',
  'current_count',
  'former_count',
];

/** Incrementally maintained review aggregates, one row per company (published reviews only). */
@Injectable()
export class ReviewStatsRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  forCompany(companyId: string): Promise<CompanyReviewStatsEntity | null> {
    return this.dataSource.getRepository(CompanyReviewStatsEntity).findOneBy({ companyId });
  }

  /**
   * Adds (sign = 1) or removes (sign = -1) one review from its company's
   * aggregates with one atomic upsert: concurrent publications serialise on the
   * company's row, so the counts stay exact without recomputing per read.
   */
  async apply(manager: EntityManager, r: ReviewScores, sign: 1 | -1): Promise<void> {
    const b = (cond: boolean) => (cond ? sign : 0);
    const values = [
      r.company_id,
      sign,
      sign * r.overall,
      b(r.overall === 1),
      b(r.overall === 2),
      b(r.overall === 3),
      b(r.overall === 4),
      b(r.overall === 5),
      sign * r.culture,
      sign * r.work_life,
      sign * r.senior_management,
      sign * r.compensation,
      sign * r.career,
      sign * r.diversity,
      b(r.ceo_approval === 'approve'),
      b(r.ceo_approval === 'no_opinion'),
      b(r.ceo_approval === 'disapprove'),
      b(r.recommend),
      b(r.outlook === 'positive'),
      b(r.outlook === 'neutral'),
      b(r.outlook === 'negative'),
      b(r.employment === 'current'),
      b(r.employment === 'former'),
    ];
    const columns = STATS_COLUMNS;
    await manager.query(
      `INSERT INTO company_review_stats (company_id, ${columns.join(', ')})
       VALUES ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')})
       ON CONFLICT (company_id) DO UPDATE SET ${columns.map((c) => `${c} = company_review_stats.${c} + EXCLUDED.${c}`).join(', ')}`,
      values,
    );
  }
}
