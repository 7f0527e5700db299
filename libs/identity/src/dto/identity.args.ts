import { ArgsType, Field } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { TokenKind } from '@unlinked/platform';

@ArgsType()
export class RequestVerificationCodeArgs {
  @Field()
  @IsString()
  @MaxLength(1024)
  email: string;
}

@ArgsType()
export class VerifyCodeArgs {
  @Field()
  @IsString()
  @MaxLength(1024)
  email: string;

  @Field()
  @IsString()
  @MaxLength(32)
  code: string;
}

@ArgsType()
export class IssuerKeysArgs {
  @Field({ description: 'Company slug.' })
  @IsString()
  @MaxLength(200)
  company: string;

  @Field(() => TokenKind)
  @IsEnum(TokenKind)
  kind: TokenKind;
}

@ArgsType()
export class IssueTokensArgs {
  @Field(() => TokenKind)
  @IsEnum(TokenKind)
  kind: TokenKind;

  @Field(() => [String], {
    description: 'base64url TokenRequests (RFC 9578 §5.1), all for the current key.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  requests: string[];

  @Field({
    nullable: true,
    description: "Company slug; defaults to the account's company.",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,200}$/)
  company?: string;
}
