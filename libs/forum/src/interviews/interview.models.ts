import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@unlinked/platform';
import { CompanyBadge } from '../models/forum.models.js';
import { InterviewExperience, InterviewOutcome, InterviewSource, ProcessLength } from './interview-enums.js';

@ObjectType({ description: 'A title of the normalised list (any other title is accepted as written).' })
export class JobTitleOption {
  @Field({ description: 'Stable key; interviews of this title are grouped under it.' })
  key: string;

  @Field()
  en: string;

  @Field()
  zh: string;
}

@ObjectType({
  description:
    'An interview review by a verified candidate: a verified member of some company, shown as "verified candidate" and never with their own company unless they chose to show it.',
})
export class Interview {
  @Field(() => ID)
  id: string;

  @Field(() => CompanyBadge, { description: 'The company interviewed at.' })
  company: CompanyBadge;

  @Field(() => CompanyBadge, {
    nullable: true,
    description:
      "The candidate's own company, only when they chose to show it and that company has at least BOARD_MIN_VERIFIED verified members now.",
  })
  candidateCompany: CompanyBadge | null;

  @Field({ description: 'A title of the normalised list (its English name) or the title as written.' })
  jobTitle: string;

  @Field({ description: 'The group the title counts in: a list key, or "custom:<folded title>".' })
  jobTitleKey: string;

  @Field({ description: 'When the interview took place, YYYY-MM.' })
  month: string;

  @Field(() => InterviewSource)
  source: InterviewSource;

  @Field(() => Int, { description: '1 (easy) to 5 (very hard).' })
  difficulty: number;

  @Field(() => InterviewExperience)
  experience: InterviewExperience;

  @Field(() => InterviewOutcome)
  outcome: InterviewOutcome;

  @Field(() => ProcessLength)
  processLength: ProcessLength;

  @Field({ description: 'The stages of the process, free text.' })
  stages: string;

  @Field(() => [String], { description: 'The questions asked, in the order given.' })
  questions: string[];

  @Field({ description: 'Publication time, floored to TIME_BUCKET_SECONDS.' })
  createdAt: Date;

  @Field({ description: 'Demo data of a development install (never in production).' })
  demo: boolean;
}

@ObjectType()
export class ExperienceSplit {
  @Field(() => Float, { description: 'Percent of reports.' })
  positive: number;
  @Field(() => Float)
  neutral: number;
  @Field(() => Float)
  negative: number;
}

@ObjectType({
  description:
    'Interview aggregates of a company, or of a company and title. Every aggregate is null below INTERVIEW_MIN_REPORTS published reports.',
})
export class InterviewStats {
  @Field(() => String, { nullable: true, description: 'The title (null: every title of the company).' })
  jobTitle: string | null;

  @Field(() => String, { nullable: true })
  jobTitleKey: string | null;

  @Field(() => Int)
  reportCount: number;

  @Field(() => Int, { description: 'Reports needed before aggregates are shown (INTERVIEW_MIN_REPORTS).' })
  minimumReports: number;

  @Field()
  aggregatesVisible: boolean;

  @Field(() => Float, { nullable: true, description: 'Mean difficulty, 1 to 5.' })
  difficultyAverage: number | null;

  @Field(() => ExperienceSplit, { nullable: true })
  experience: ExperienceSplit | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Percent of decided processes that ended in an offer (accepted or declined); null while no process is decided.',
  })
  offerRate: number | null;

  @Field(() => ProcessLength, { nullable: true, description: 'The length bucket holding the median report.' })
  typicalProcessLength: ProcessLength | null;
}

@ObjectType()
export class CompanyInterviewStats {
  @Field(() => InterviewStats, { description: 'Every title together.' })
  overall: InterviewStats;

  @Field(() => [InterviewStats], {
    description: 'Per title, only titles with at least INTERVIEW_MIN_REPORTS reports, most reported first.',
  })
  byTitle: InterviewStats[];
}

export const InterviewConnection = ConnectionType(Interview, 'Interview');
