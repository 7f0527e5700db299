import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { PageArgs } from '@unlinked/platform';
import { LogPeriod, ModerationAction, ModerationReason, QueueReasonEnum } from '../models/moderation.enums.js';

@ArgsType()
export class ModerationQueueArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  companySlug?: string;

  @Field(() => QueueReasonEnum, { nullable: true })
  @IsOptional()
  @IsEnum(QueueReasonEnum)
  queueReason?: QueueReasonEnum;

  @Field(() => ModerationReason, { nullable: true, description: 'Only items with unreviewed flags of this reason.' })
  @IsOptional()
  @IsEnum(ModerationReason)
  flagReason?: ModerationReason;
}

@InputType()
export class ModerateInput {
  @Field(() => ID)
  @IsUUID()
  itemId: string;

  @Field(() => ModerationAction)
  @IsEnum(ModerationAction)
  action: ModerationAction;

  @Field(() => ModerationReason, { nullable: true, description: 'Required to remove.' })
  @IsOptional()
  @IsEnum(ModerationReason)
  reasonCode?: ModerationReason;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you saw; the decision is refused if the item changed.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

@ArgsType()
export class ModerationLogArgs {
  @Field()
  @IsString()
  @MaxLength(100)
  companySlug: string;

  @Field(() => String, { nullable: true, description: "Omit for every board; pass null for the company's own board." })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  boardSlug?: string | null;

  @Field(() => LogPeriod, { defaultValue: LogPeriod.WEEK })
  @IsEnum(LogPeriod)
  period: LogPeriod = LogPeriod.WEEK;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  to?: Date;
}
