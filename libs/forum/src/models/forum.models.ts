import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ContentStatus } from '@unlinked/db/anonymous';
import { ConnectionType } from '@unlinked/platform';
import { BusinessOutlook, CeoApproval, EmploymentStatus, TenureBucket } from './forum-enums.js';

@ObjectType({
  description: 'What an anonymous write returns: the content stays PENDING until its delayed publication.',
})
export class WriteReceipt {
  @Field(() => ID)
  id: string;

  @Field(() => ContentStatus)
  status: ContentStatus;
}

@ObjectType({
  description: 'The company whose token paid for a post: "verified employee at <name>".',
})
export class CompanyBadge {
  @Field()
  slug: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'The Chinese name, when the company has one.' })
  nameZh?: string | null;
}

@ObjectType({
  description: 'A cross-company board; every company also has its own board.',
})
export class Board {
  @Field()
  slug: string;

  @Field()
  name: string;

  @Field()
  description: string;
}

@ObjectType()
export class Thread {
  @Field(() => ID)
  id: string;

  @Field(() => CompanyBadge)
  company: CompanyBadge;

  @Field(() => String, {
    nullable: true,
    description: 'Cross-company board slug; null: the company board.',
  })
  board: string | null;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field({ description: "The author's per-thread pseudonym." })
  authorHandle: string;

  @Field({ description: 'Floored to the anonymity time bucket.' })
  createdAt: Date;

  @Field()
  lastActivityAt: Date;

  @Field()
  edited: boolean;

  @Field(() => Int, {
    description: 'Sign edits and deletes over this revision.',
  })
  revision: number;

  @Field(() => Int)
  replyCount: number;

  @Field(() => Int)
  score: number;
}

@ObjectType()
export class Reply {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  threadId: string;

  @Field(() => CompanyBadge)
  company: CompanyBadge;

  @Field()
  body: string;

  @Field(() => ID, { nullable: true })
  quotedReplyId: string | null;

  @Field({
    description: 'Stable within the thread, different in every thread.',
  })
  authorHandle: string;

  @Field({ description: "Written with the thread author's key." })
  isOp: boolean;

  @Field()
  createdAt: Date;

  @Field()
  edited: boolean;

  @Field(() => Int)
  revision: number;

  @Field(() => Int)
  score: number;
}

@ObjectType()
export class Review {
  @Field(() => ID)
  id: string;

  @Field(() => CompanyBadge)
  company: CompanyBadge;

  @Field(() => Int)
  overall: number;
  @Field(() => Int)
  culture: number;
  @Field(() => Int)
  workLife: number;
  @Field(() => Int)
  seniorManagement: number;
  @Field(() => Int)
  compensation: number;
  @Field(() => Int)
  career: number;
  @Field(() => Int)
  diversity: number;

  @Field(() => CeoApproval)
  ceoApproval: CeoApproval;

  @Field()
  recommend: boolean;

  @Field(() => BusinessOutlook)
  outlook: BusinessOutlook;

  @Field(() => EmploymentStatus)
  employment: EmploymentStatus;

  @Field(() => String, { nullable: true })
  jobTitle: string | null;

  @Field(() => String, { nullable: true })
  location: string | null;

  @Field(() => TenureBucket, { nullable: true })
  tenure: TenureBucket | null;

  @Field()
  pros: string;

  @Field()
  cons: string;

  @Field(() => String, { nullable: true })
  advice: string | null;

  @Field(() => Int)
  helpfulCount: number;

  @Field()
  createdAt: Date;

  @Field()
  edited: boolean;

  @Field(() => Int)
  revision: number;
}

@ObjectType()
export class SubRatings {
  @Field(() => Float)
  culture: number;
  @Field(() => Float)
  workLife: number;
  @Field(() => Float)
  seniorManagement: number;
  @Field(() => Float)
  compensation: number;
  @Field(() => Float)
  career: number;
  @Field(() => Float)
  diversity: number;
}

@ObjectType()
export class OutlookSplit {
  @Field(() => Float)
  positivePercent: number;
  @Field(() => Float)
  neutralPercent: number;
  @Field(() => Float)
  negativePercent: number;
}

@ObjectType({
  description:
    'Review aggregates. Every aggregate is null until the company has AGGREGATE_MIN_REVIEWS published reviews.',
})
export class ReviewStats {
  @Field(() => Int)
  reviewCount: number;

  @Field(() => Int, { description: 'Reviews a company needs before its aggregates are shown (AGGREGATE_MIN_REVIEWS).' })
  minimumReviews: number;

  @Field()
  aggregatesVisible: boolean;

  @Field(() => Float, { nullable: true })
  averageOverall: number | null;

  @Field(() => [Int], {
    nullable: true,
    description: 'Counts of 1..5 star overall ratings.',
  })
  ratingDistribution: number[] | null;

  @Field(() => SubRatings, { nullable: true })
  subRatings: SubRatings | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Approve among all answers (no opinion included).',
  })
  ceoApprovalPercent: number | null;

  @Field(() => Float, { nullable: true })
  recommendPercent: number | null;

  @Field(() => OutlookSplit, { nullable: true })
  outlook: OutlookSplit | null;

  @Field(() => Int, { nullable: true })
  currentEmployeeCount: number | null;

  @Field(() => Int, { nullable: true })
  formerEmployeeCount: number | null;
}

@ObjectType()
export class VoteResult {
  @Field(() => ID)
  targetId: string;

  @Field(() => Int, {
    description: 'Score (threads, replies) or helpful count (reviews) after the vote.',
  })
  score: number;
}

export const ThreadConnection = ConnectionType(Thread, 'Thread');
export const ReplyConnection = ConnectionType(Reply, 'Reply');
export const ReviewConnection = ConnectionType(Review, 'Review');
