import { registerEnumType } from '@nestjs/graphql';

/** GraphQL enums of interview reviews; each value is the string stored and signed (libs/authorship). */
export enum InterviewSource {
  AppliedOnline = 'applied_online',
  Referral = 'referral',
  Recruiter = 'recruiter',
  Campus = 'campus',
  Other = 'other',
}
export enum InterviewExperience {
  Positive = 'positive',
  Neutral = 'neutral',
  Negative = 'negative',
}
export enum InterviewOutcome {
  OfferAccepted = 'offer_accepted',
  OfferDeclined = 'offer_declined',
  NoOffer = 'no_offer',
  Waiting = 'waiting',
}
/** How long the process took, first contact to answer. */
export enum ProcessLength {
  UnderOneWeek = 'lt1w',
  OneToTwoWeeks = '1to2w',
  TwoToFourWeeks = '2to4w',
  OneToTwoMonths = '1to2m',
  OverTwoMonths = 'gt2m',
}
export enum InterviewSort {
  /** Newest published first. */
  Recent = 'recent',
  /** Hardest first. */
  Difficulty = 'difficulty',
}

/** Buckets in order, shortest first (the typical length is the bucket holding the median). */
export const PROCESS_LENGTHS = [
  ProcessLength.UnderOneWeek,
  ProcessLength.OneToTwoWeeks,
  ProcessLength.TwoToFourWeeks,
  ProcessLength.OneToTwoMonths,
  ProcessLength.OverTwoMonths,
] as const;

registerEnumType(InterviewSource, { name: 'InterviewSource', description: 'How the candidate got the interview.' });
registerEnumType(InterviewExperience, { name: 'InterviewExperience' });
registerEnumType(InterviewOutcome, { name: 'InterviewOutcome' });
registerEnumType(ProcessLength, { name: 'ProcessLength', description: 'First contact to final answer.' });
registerEnumType(InterviewSort, { name: 'InterviewSort' });
