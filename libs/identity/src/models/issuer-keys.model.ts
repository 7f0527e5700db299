import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TokenKind } from '@unlinked/platform';

registerEnumType(TokenKind, {
  name: 'TokenKind',
  description: 'post: threads and replies (votes, flags and reviews are paid with ARC credentials).',
});

@ObjectType()
export class IssuerTokenKey {
  @Field(() => Int)
  tokenType: number;

  @Field({ description: 'base64url (padded) SerializeElement(pkI).' })
  tokenKey: string;

  @Field({
    description: 'base64url token_key_id = SHA256(token-key) (RFC 9578 §5.5).',
  })
  tokenKeyId: string;

  @Field(() => Int)
  notBefore: number;
}

@ObjectType({
  description: 'What a client needs to request and check tokens of one company and kind.',
})
export class IssuerKeys {
  @Field()
  company: string;

  @Field(() => TokenKind)
  kind: TokenKind;

  @Field()
  issuerRequestUri: string;

  @Field({
    description: 'The issuer directory, byte for byte as served over HTTP (RFC 9578 §4).',
  })
  directory: string;

  @Field(() => [IssuerTokenKey])
  tokenKeys: IssuerTokenKey[];

  @Field({
    description: 'base64url TokenChallenge (RFC 9577 §2.1) the origin accepts tokens for.',
  })
  challenge: string;

  @Field({
    description: 'The same challenge as a WWW-Authenticate header value.',
  })
  wwwAuthenticate: string;
}

@ObjectType()
export class TokenQuota {
  @Field(() => TokenKind)
  kind: TokenKind;

  @Field(() => Int)
  epoch: number;

  @Field(() => Int)
  issued: number;

  @Field(() => Int)
  quota: number;

  @Field(() => Int)
  remaining: number;

  @Field(() => GraphQLISODateTime)
  resetsAt: Date;
}
