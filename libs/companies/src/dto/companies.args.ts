import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageArgs } from '@unlinked/platform';

@ArgsType()
export class CompaniesArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive match on name, Chinese name, alias or email domain.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
