import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Incrementally maintained review aggregates of one company (published reviews only). */
@Entity('company_review_stats')
export class CompanyReviewStatsEntity {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'review_count', type: 'int' }) reviewCount: number;
  @Column({ name: 'overall_sum', type: 'int' }) overallSum: number;
  @Column({ name: 'overall_1', type: 'int' }) overall1: number;
  @Column({ name: 'overall_2', type: 'int' }) overall2: number;
  @Column({ name: 'overall_3', type: 'int' }) overall3: number;
  @Column({ name: 'overall_4', type: 'int' }) overall4: number;
  @Column({ name: 'overall_5', type: 'int' }) overall5: number;
  @Column({ name: 'culture_sum', type: 'int' }) cultureSum: number;
  @Column({ name: 'work_life_sum', type: 'int' }) workLifeSum: number;
  @Column({ name: 'senior_management_sum', type: 'int' })
  seniorManagementSum: number;
  @Column({ name: 'compensation_sum', type: 'int' }) compensationSum: number;
  @Column({ name: 'career_sum', type: 'int' }) careerSum: number;
  @Column({ name: 'diversity_sum', type: 'int' }) diversitySum: number;
  @Column({ name: 'ceo_approve', type: 'int' }) ceoApprove: number;
  @Column({ name: 'ceo_no_opinion', type: 'int' }) ceoNoOpinion: number;
  @Column({ name: 'ceo_disapprove', type: 'int' }) ceoDisapprove: number;
  @Column({ name: 'recommend_yes', type: 'int' }) recommendYes: number;
  @Column({ name: 'outlook_positive', type: 'int' }) outlookPositive: number;
  @Column({ name: 'outlook_neutral', type: 'int' }) outlookNeutral: number;
  @Column({ name: 'outlook_negative', type: 'int' }) outlookNegative: number;
  @Column({ name: 'current_count', type: 'int' }) currentCount: number;
  @Column({ name: 'former_count', type: 'int' }) formerCount: number;
}
