import { registerEnumType } from '@nestjs/graphql';
import { ContentStatus } from '@unlinked/db/anonymous';

/** GraphQL enums of the forum; each value is the string stored and signed (see authorship/signed-message.ts). */
export enum CeoApproval {
  Approve = 'approve',
  NoOpinion = 'no_opinion',
  Disapprove = 'disapprove',
}
export enum BusinessOutlook {
  Positive = 'positive',
  Neutral = 'neutral',
  Negative = 'negative',
}
export enum EmploymentStatus {
  Current = 'current',
  Former = 'former',
}
export enum TenureBucket {
  LessThanOneYear = 'lt1',
  OneToThreeYears = '1to3',
  ThreeToFiveYears = '3to5',
  FiveToTenYears = '5to10',
  MoreThanTenYears = 'gt10',
}
export enum ThreadSort {
  New = 'new',
  Top = 'top',
  Active = 'active',
}
export enum ReviewSort {
  Recent = 'recent',
  Helpful = 'helpful',
  Rating = 'rating',
}
export enum VoteTarget {
  Thread = 'thread',
  Reply = 'reply',
  Review = 'review',
}
export enum VoteValue {
  /** Upvote, or "helpful" on a review. */
  Up = 'up',
  /** Threads and replies only. */
  Down = 'down',
}

registerEnumType(ContentStatus, { name: 'ContentStatus' });
registerEnumType(CeoApproval, { name: 'CeoApproval' });
registerEnumType(BusinessOutlook, { name: 'BusinessOutlook' });
registerEnumType(EmploymentStatus, { name: 'EmploymentStatus' });
registerEnumType(TenureBucket, { name: 'TenureBucket' });
registerEnumType(ThreadSort, { name: 'ThreadSort' });
registerEnumType(ReviewSort, { name: 'ReviewSort' });
registerEnumType(VoteTarget, { name: 'VoteTarget' });
registerEnumType(VoteValue, { name: 'VoteValue' });
