import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@unlinked/platform';
import {
  ModeratedContentKind,
  ModerationReason,
  ModerationStateEnum,
  QueueReasonEnum,
  ScreeningRejectReasonEnum,
} from './moderation.enums.js';

@ObjectType({
  description: 'A screening rule that fired: which rule, what it does, how often. Never the matched text.',
})
export class ScreeningHit {
  @Field()
  rule: string;

  @Field({ description: 'allow, hold or reject' })
  action: string;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class FlagCount {
  @Field(() => ModerationReason)
  reason: ModerationReason;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'An item in the moderator queue (held, flagged or appealed content).' })
export class ModerationItem {
  @Field(() => ID)
  id: string;

  @Field(() => ModeratedContentKind)
  contentType: ModeratedContentKind;

  @Field(() => ID)
  contentId: string;

  @Field(() => ID)
  companyId: string;

  @Field(() => String, { nullable: true, description: "NULL: the company's own board." })
  boardSlug: string | null;

  @Field(() => ModerationStateEnum)
  state: ModerationStateEnum;

  @Field(() => QueueReasonEnum, { nullable: true })
  queueReason: QueueReasonEnum | null;

  @Field(() => Date, { nullable: true, description: 'When it entered the queue (bucketed).' })
  queuedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The content as readers would see it; null if it is gone.' })
  text: string | null;

  @Field(() => [ScreeningHit])
  screeningHits: ScreeningHit[];

  @Field(() => ScreeningRejectReasonEnum, { nullable: true })
  rejectReason: string | null;

  @Field(() => [FlagCount], { description: 'Unreviewed flags by reason.' })
  flagCounts: FlagCount[];

  @Field(() => Float)
  flagWeight: number;

  @Field(() => ModerationReason, { nullable: true })
  removalReason: ModerationReason | null;

  @Field(() => String, { nullable: true, description: "The author's appeal statement." })
  appealStatement: string | null;

  @Field(() => Int, { description: 'Pass it back to moderate() to refuse a decision on a changed item.' })
  version: number;
}

export const ModerationItemConnection = ConnectionType(ModerationItem, 'ModerationItem');
