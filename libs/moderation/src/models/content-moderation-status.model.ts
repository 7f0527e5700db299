import { Field, ObjectType } from '@nestjs/graphql';
import { ScreeningHit } from './moderation-item.model.js';
import { ModerationReason, ModerationStateEnum, ScreeningRejectReasonEnum } from './moderation.enums.js';

@ObjectType({ description: "Moderation status of the caller's own content (shown to the holder of its author key)." })
export class ContentModerationStatus {
  @Field(() => ModerationStateEnum, { nullable: true, description: 'NULL: not screened yet.' })
  state: ModerationStateEnum | null;

  @Field(() => [ScreeningHit], { description: 'The screening rules that fired.' })
  screeningHits: ScreeningHit[];

  @Field(() => ScreeningRejectReasonEnum, { nullable: true })
  rejectReason: string | null;

  @Field(() => String, { nullable: true })
  rejectMessage: string | null;

  @Field(() => ModerationReason, { nullable: true })
  removalReason: ModerationReason | null;

  @Field()
  appealed: boolean;

  @Field()
  canAppeal: boolean;
}
