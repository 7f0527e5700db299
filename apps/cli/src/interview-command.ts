/**
 * `unlinked interview`: an interview review of any company (issue 14), paid
 * with the current period's ARC credential of the account's own company.
 * Every answer is a required flag with no default (a default would skew the
 * company's aggregates); questions are repeated --question flags.
 */
import {
  CompanyDocument,
  publicRequest,
  type InterviewDraft,
  type WriteFlows,
  type WriteReceipt,
} from '@unlinked/client';
import { choice, need, UsageError } from './args.js';

export const INTERVIEW_USAGE = `  interview --company SLUG --job-title T --month YYYY-MM
         --source applied-online|referral|recruiter|campus|other --difficulty N (1 to 5)
         --experience positive|neutral|negative --outcome offer-accepted|offer-declined|no-offer|waiting
         --process-length lt1w|1-2w|2-4w|1-2m|gt2m --stages S [--question Q]... [--show-company]
         an interview review of any company, as a verified candidate; every answer is asked for;
         one per company per period; --show-company shows your own company (only while it has K members)`;

/** parseArgs options of the command ('company' and 'job-title' are shared with review). */
export const INTERVIEW_OPTIONS = {
  month: { type: 'string' },
  source: { type: 'string' },
  difficulty: { type: 'string' },
  experience: { type: 'string' },
  outcome: { type: 'string' },
  'process-length': { type: 'string' },
  stages: { type: 'string' },
  question: { type: 'string', multiple: true },
  'show-company': { type: 'boolean' },
} as const;

const SOURCES = {
  'applied-online': 'AppliedOnline',
  referral: 'Referral',
  recruiter: 'Recruiter',
  campus: 'Campus',
  other: 'Other',
} as const;
const EXPERIENCES = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' } as const;
const OUTCOMES = {
  'offer-accepted': 'OfferAccepted',
  'offer-declined': 'OfferDeclined',
  'no-offer': 'NoOffer',
  waiting: 'Waiting',
} as const;
const LENGTHS = {
  lt1w: 'UnderOneWeek',
  '1-2w': 'OneToTwoWeeks',
  '2-4w': 'TwoToFourWeeks',
  '1-2m': 'OneToTwoMonths',
  gt2m: 'OverTwoMonths',
} as const;

export interface InterviewValues {
  company?: string;
  'job-title'?: string;
  month?: string;
  source?: string;
  difficulty?: string;
  experience?: string;
  outcome?: string;
  'process-length'?: string;
  stages?: string;
  question?: string[];
  'show-company'?: boolean;
}

export function interviewDraft(v: InterviewValues): InterviewDraft {
  const difficulty = Number(need(v.difficulty, 'difficulty'));
  if (!Number.isInteger(difficulty) || difficulty < 1 || difficulty > 5) {
    throw new UsageError('--difficulty must be a whole number from 1 to 5');
  }
  return {
    jobTitle: need(v['job-title'], 'job-title'),
    month: need(v.month, 'month'),
    source: choice(v.source, 'source', SOURCES),
    difficulty,
    experience: choice(v.experience, 'experience', EXPERIENCES),
    outcome: choice(v.outcome, 'outcome', OUTCOMES),
    processLength: choice(v['process-length'], 'process-length', LENGTHS),
    stages: need(v.stages, 'stages'),
    questions: v.question ?? [],
    showCompany: v['show-company'] === true,
  };
}

/** Checks every answer before anything is sent, then writes with the credential of `ownCompany`. */
export async function interviewCommand(
  flows: WriteFlows,
  v: InterviewValues,
  ownCompany: () => string,
): Promise<WriteReceipt> {
  const slug = need(v.company, 'company');
  const draft = interviewDraft(v);
  const { company } = await publicRequest(CompanyDocument, { slug });
  return flows.createInterview({ id: company.id, slug }, ownCompany(), draft);
}
