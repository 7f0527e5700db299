import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AccountRole } from '@unlinked/db/identity';
import { Company } from '@unlinked/companies';

registerEnumType(AccountRole, { name: 'AccountRole' });

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
