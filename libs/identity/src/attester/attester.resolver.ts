import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CompaniesService, Company } from '@unlinked/companies';
import { AccountsView } from '../accounts/accounts.view.js';
import { ClientIp, CurrentAccount, OptionalSessionGuard, SessionGuard } from '../accounts/session.guard.js';
import { SessionsService, type SessionAccount } from '../accounts/sessions.service.js';
import { RequestVerificationCodeArgs, VerifyCodeArgs } from '../dto/identity.args.js';
import { Account, AuthSession, VerificationCodeRequest } from '../models/account.model.js';
import { AttesterService } from './attester.service.js';

@Resolver(() => Account)
export class AttesterResolver {
  constructor(
    private readonly attester: AttesterService,
    private readonly sessions: SessionsService,
    private readonly companies: CompaniesService,
    private readonly view: AccountsView,
  ) {}

  @Mutation(() => VerificationCodeRequest, {
    description: 'Sends a one-time code to a work address.',
  })
  async requestVerificationCode(
    @Args() { email }: RequestVerificationCodeArgs,
    @ClientIp() ip: string,
  ): Promise<VerificationCodeRequest> {
    const { expiresInSeconds } = await this.attester.requestCode(email, ip);
    return { sent: true, expiresInSeconds };
  }

  @Mutation(() => AuthSession, {
    description: 'Checks the code; returns a new session for the verified account.',
  })
  async verifyCode(@Args() { email, code }: VerifyCodeArgs, @ClientIp() ip: string): Promise<AuthSession> {
    const { token, expiresAt, account } = await this.attester.verifyCode(email, code, ip);
    return { token, expiresAt, account: this.view.toModel(account) };
  }

  @Mutation(() => Boolean, { description: 'Ends the current session.' })
  @UseGuards(SessionGuard)
  async logout(@CurrentAccount() account: SessionAccount): Promise<boolean> {
    await this.sessions.revoke(account.sessionId);
    return true;
  }

  @Query(() => Account, {
    nullable: true,
    description: 'The signed-in account, or null.',
  })
  @UseGuards(OptionalSessionGuard)
  me(@CurrentAccount() account: SessionAccount | null): Account | null {
    return account ? this.view.toModel(account) : null;
  }

  @ResolveField(() => Company)
  company(@Parent() account: Account): Promise<Company> {
    return this.companies.byId(account.companyId);
  }
}
