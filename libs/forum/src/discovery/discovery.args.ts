import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';

/** The most items of each group the feed and the search box return. */
export const MAX_GROUP_SIZE = 20;

@ArgsType()
export class FeedArgs {
  @Field(() => Int, { defaultValue: 10, description: `Items per group, 1 to ${MAX_GROUP_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_GROUP_SIZE)
  first = 10;
}

@ArgsType()
export class SiteSearchArgs extends FeedArgs {
  @Field({ description: 'Words or any substring of 2+ characters, Chinese included.' })
  @IsString()
  @MaxLength(200)
  query: string;
}
