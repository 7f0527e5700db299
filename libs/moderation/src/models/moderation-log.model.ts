import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ModerationReason } from './moderation.enums.js';

@ObjectType({ description: 'Removals by reason in one period: counts only, never content.' })
export class ModerationLogEntry {
  @Field(() => Date)
  periodStart: Date;

  @Field(() => ModerationReason)
  reason: ModerationReason;

  @Field(() => Int)
  removals: number;
}
