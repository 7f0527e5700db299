import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AccountRole } from '@unlinked/db';
import { TokenKind } from '../../keys/token-kind.js';
import { Company } from '../../companies/models/company.model.js';

registerEnumType(AccountRole, { name: 'AccountRole' });
registerEnumType(TokenKind, {
  name: 'TokenKind',
  description: 'post: threads and replies; review; reaction: votes and flags.',
});

@ObjectType({
  description: 'The signed-in account: its company, role and verification, nothing else.',
})
export class Account {
  companyId: string;

  @Field(() => Company)
  company?: Company;

  @Field(() => AccountRole)
  role: AccountRole;

  @Field({
    description: 'Day of the last work-email verification (YYYY-MM-DD).',
  })
  verifiedOn: string;

  @Field({
    description: 'Day after which tokens need a new verification (YYYY-MM-DD).',
  })
  verifiedUntil: string;
}

@ObjectType()
export class AuthSession {
  @Field({
    description: 'Opaque bearer token: send it as "Authorization: Bearer <token>".',
  })
  token: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => Account)
  account: Account;
}

@ObjectType({
  description: 'The same answer whether or not the address has an account.',
})
export class VerificationCodeRequest {
  @Field()
  sent: boolean;

  @Field(() => Int)
  expiresInSeconds: number;
}

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
