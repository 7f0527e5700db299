import { Field, Int, ObjectType } from '@nestjs/graphql';
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

  @Field(() => PendingEditStatus, {
    nullable: true,
    description: 'The latest edit, when screening held or rejected it.',
  })
  pendingEdit: PendingEditStatus | null;
}

@ObjectType({
  description: 'An edit screening held or rejected; readers still see the previous revision.',
})
export class PendingEditStatus {
  @Field(() => Int, { description: 'The revision the edit was made against.' })
  revision: number;

  @Field(() => ModerationStateEnum, { description: 'HELD (waits for a moderator) or REJECTED.' })
  state: ModerationStateEnum;

  @Field(() => [ScreeningHit])
  screeningHits: ScreeningHit[];

  @Field(() => ScreeningRejectReasonEnum, { nullable: true })
  rejectReason: string | null;

  @Field(() => String, { nullable: true })
  rejectMessage: string | null;
}
