import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageArgs } from '@unlinked/platform';
import { ForumErrorCode } from '../forum.errors.js';
import { BODY_MAX, SHORT_FIELD_MAX } from '../text/clean-text.js';
import {
  InterviewExperience,
  InterviewOutcome,
  InterviewSort,
  InterviewSource,
  ProcessLength,
} from './interview-enums.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Raw-size fences only; lengths that matter are checked after cleaning with TEXT_* codes. */
const RAW_SHORT = 500;
const RAW_BODY = 20_000;
const RAW_QUESTION = 2_000;
export const QUESTION_MAX = 1_000;
export const QUESTIONS_MAX = 20;

const tooLong = (max: number) => ({ context: { code: ForumErrorCode.TextTooLong, max } });

@InputType()
export class CreateInterviewInput {
  @Field({ description: 'The company interviewed at.' })
  @Matches(SLUG)
  @MaxLength(100)
  companySlug: string;

  @Field({
    description:
      "The writer's own company: its ARC credential of the current period pays, in the context interview:<id of companySlug>.",
  })
  @Matches(SLUG)
  @MaxLength(100)
  candidateCompanySlug: string;

  @Field({ defaultValue: false, description: 'Show candidateCompany on the review (only while it is above K).' })
  @IsBoolean()
  showCompany: boolean;

  @Field({ description: 'A title of the list (jobTitles) or any title, at most 100 characters.' })
  @IsString()
  @MaxLength(RAW_SHORT, tooLong(SHORT_FIELD_MAX))
  jobTitle: string;

  @Field({ description: 'When the interview took place: YYYY-MM, not in the future, at most five years ago.' })
  @IsString()
  @MaxLength(7, { context: { code: ForumErrorCode.InterviewMonthInvalid } })
  month: string;

  @Field(() => InterviewSource) @IsEnum(InterviewSource) source: InterviewSource;
  @Field(() => Int) @IsInt() @Min(1) @Max(5) difficulty: number;
  @Field(() => InterviewExperience) @IsEnum(InterviewExperience) experience: InterviewExperience;
  @Field(() => InterviewOutcome) @IsEnum(InterviewOutcome) outcome: InterviewOutcome;
  @Field(() => ProcessLength) @IsEnum(ProcessLength) processLength: ProcessLength;

  @Field({ description: 'The stages of the process, free text.' })
  @IsString()
  @MaxLength(RAW_BODY, tooLong(BODY_MAX))
  stages: string;

  @Field(() => [String], { description: `The questions asked, 0 to ${QUESTIONS_MAX}, each screened like any text.` })
  @ArrayMaxSize(QUESTIONS_MAX, { context: { code: ForumErrorCode.InterviewQuestionsTooMany } })
  @IsString({ each: true })
  @MaxLength(RAW_QUESTION, { each: true, ...tooLong(QUESTION_MAX) })
  questions: string[];

  @Field() @IsString() @MaxLength(64) authorKey: string;
  @Field() @IsString() @MaxLength(128) signature: string;
}

@ArgsType()
export class InterviewsArgs extends PageArgs {
  @Field()
  @Matches(SLUG)
  @MaxLength(100)
  companySlug: string;

  @Field(() => InterviewSort, { defaultValue: InterviewSort.Recent })
  @IsEnum(InterviewSort)
  sort: InterviewSort = InterviewSort.Recent;

  @Field(() => String, { nullable: true, description: 'Only this title (a list title, or a title as written).' })
  @IsOptional()
  @IsString()
  @MaxLength(RAW_SHORT)
  jobTitle?: string;

  @Field(() => InterviewOutcome, { nullable: true })
  @IsOptional()
  @IsEnum(InterviewOutcome)
  outcome?: InterviewOutcome;

  @Field(() => InterviewExperience, { nullable: true })
  @IsOptional()
  @IsEnum(InterviewExperience)
  experience?: InterviewExperience;
}
