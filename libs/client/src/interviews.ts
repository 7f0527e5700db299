/**
 * Interview reviews in the client core (issue 14), the same for the web app
 * and the CLI: the draft, its checks (the server's raw-input fences), the
 * signed fields (enum values as the server stores them) and the month list a
 * form offers.
 */
import { interviewSignedFields, type SignedField } from '@unlinked/authorship';
import { ApiError } from './errors.js';
import type { InterviewExperience, InterviewOutcome, InterviewSource, ProcessLength } from './operations/generated.js';

export interface InterviewDraft {
  jobTitle: string;
  /** YYYY-MM. */
  month: string;
  source: InterviewSource;
  difficulty: number;
  experience: InterviewExperience;
  outcome: InterviewOutcome;
  processLength: ProcessLength;
  stages: string;
  questions: string[];
  /** Show the writer's own company on the review (only while it is above K). */
  showCompany: boolean;
}

export const INTERVIEW_SOURCES: readonly InterviewSource[] = [
  'AppliedOnline',
  'Referral',
  'Recruiter',
  'Campus',
  'Other',
];
export const INTERVIEW_EXPERIENCES: readonly InterviewExperience[] = ['Positive', 'Neutral', 'Negative'];
export const INTERVIEW_OUTCOMES: readonly InterviewOutcome[] = ['OfferAccepted', 'OfferDeclined', 'NoOffer', 'Waiting'];
export const PROCESS_LENGTHS: readonly ProcessLength[] = [
  'UnderOneWeek',
  'OneToTwoWeeks',
  'TwoToFourWeeks',
  'OneToTwoMonths',
  'OverTwoMonths',
];
/** The server's limits (libs/forum interviews): questions per review, characters per question. */
export const INTERVIEW_LIMITS = { questions: 20, question: 1_000, title: 100, stages: 10_000 } as const;

/** GraphQL enum names → the values the server stores and signs (libs/forum/src/interviews/interview-enums.ts). */
const SIGNED: Record<string, string> = {
  AppliedOnline: 'applied_online',
  Referral: 'referral',
  Recruiter: 'recruiter',
  Campus: 'campus',
  Other: 'other',
  Positive: 'positive',
  Neutral: 'neutral',
  Negative: 'negative',
  OfferAccepted: 'offer_accepted',
  OfferDeclined: 'offer_declined',
  NoOffer: 'no_offer',
  Waiting: 'waiting',
  UnderOneWeek: 'lt1w',
  OneToTwoWeeks: '1to2w',
  TwoToFourWeeks: '2to4w',
  OneToTwoMonths: '1to2m',
  OverTwoMonths: 'gt2m',
};

/** The fields of a create-interview signature (libs/authorship), enums as the server signs them. */
export function interviewFields(company: string, candidateCompany: string, d: InterviewDraft): SignedField[] {
  return interviewSignedFields({
    companySlug: company,
    candidateCompanySlug: candidateCompany,
    ...d,
    source: SIGNED[d.source],
    experience: SIGNED[d.experience],
    outcome: SIGNED[d.outcome],
    processLength: SIGNED[d.processLength],
  });
}

/** The last `count` months, newest first, as YYYY-MM (what the server accepts: five years back at most). */
export function recentMonths(now: Date = new Date(), count = 60): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

const invalid = (message: string, code = 'BAD_USER_INPUT', field?: string) =>
  new ApiError(code, message, field ? { field } : undefined);

/** The checks the server makes on raw input, so a draft it would refuse costs no credential. */
export function validateInterview(d: InterviewDraft): void {
  if (d.jobTitle.trim() === '') throw invalid('jobTitle', 'TEXT_EMPTY', 'jobTitle');
  if (d.jobTitle.trim().length > INTERVIEW_LIMITS.title) throw invalid('jobTitle', 'TEXT_TOO_LONG', 'jobTitle');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(d.month)) throw invalid('month: YYYY-MM', 'INTERVIEW_MONTH_INVALID', 'month');
  if (!Number.isInteger(d.difficulty) || d.difficulty < 1 || d.difficulty > 5) {
    throw invalid('difficulty: a whole number from 1 to 5');
  }
  if (d.stages.trim() === '') throw invalid('stages', 'TEXT_EMPTY', 'stages');
  if (d.stages.length > INTERVIEW_LIMITS.stages) throw invalid('stages', 'TEXT_TOO_LONG', 'stages');
  if (d.questions.length > INTERVIEW_LIMITS.questions) {
    throw invalid('questions', 'INTERVIEW_QUESTIONS_TOO_MANY', 'questions');
  }
  d.questions.forEach((q, i) => {
    if (q.trim() === '') throw invalid(`questions[${i}]`, 'TEXT_EMPTY', `questions[${i}]`);
    if (q.length > INTERVIEW_LIMITS.question) throw invalid(`questions[${i}]`, 'TEXT_TOO_LONG', `questions[${i}]`);
  });
}
