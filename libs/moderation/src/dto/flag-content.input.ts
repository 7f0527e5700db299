import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ModeratedContentKind, ModerationReason } from '../models/moderation.enums.js';

@InputType()
export class FlagContentInput {
  @Field({ description: "The reader's own company: its ARC credential (of the item's arcPeriod) pays for the flag." })
  @IsString()
  @MaxLength(100)
  companySlug: string;

  @Field(() => ModeratedContentKind)
  @IsEnum(ModeratedContentKind)
  contentType: ModeratedContentKind;

  @Field(() => ID)
  @IsUUID()
  contentId: string;

  @Field(() => ModerationReason)
  @IsEnum(ModerationReason)
  reason: ModerationReason;

  @Field(() => String, { nullable: true, description: 'A short note, up to 280 characters (for "other").' })
  @IsOptional()
  @IsString()
  @Length(1, 280)
  note?: string;
}
