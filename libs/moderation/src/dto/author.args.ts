import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ModeratedContentKind } from '../models/moderation.enums.js';

const BASE64URL = /^[A-Za-z0-9_-]{86}(==)?$/;

@ArgsType()
export class ContentModerationStatusArgs {
  @Field(() => ModeratedContentKind)
  @IsEnum(ModeratedContentKind)
  contentType: ModeratedContentKind;

  @Field(() => ID)
  @IsUUID()
  contentId: string;

  @Field(() => Int, { description: 'Unix seconds when the proof was signed; accepted within 5 minutes.' })
  @IsInt()
  issuedAt: number;

  @Field({
    description:
      'base64url Ed25519 signature by the content\'s author key over ("moderation-status", contentType, contentId, issuedAt); see author-proof.ts.',
  })
  @Matches(BASE64URL, { message: 'signature must be a base64url Ed25519 signature' })
  signature: string;
}

@InputType()
export class AppealRemovalInput {
  @Field(() => ModeratedContentKind)
  @IsEnum(ModeratedContentKind)
  contentType: ModeratedContentKind;

  @Field(() => ID)
  @IsUUID()
  contentId: string;

  @Field({ description: 'Why the removal was wrong, 1 to 500 characters.' })
  @IsString()
  @Length(1, 500)
  statement: string;

  @Field({ description: 'Signature by the author key over ("appeal", contentType, contentId, statement).' })
  @Matches(BASE64URL, { message: 'signature must be a base64url Ed25519 signature' })
  signature: string;
}
