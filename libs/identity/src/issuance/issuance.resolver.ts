import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { base64urlEncode, buildWWWAuthenticate, TOKEN_TYPE_VOPRF } from '@unlinked/privacy-pass';
import { IssuerKeysService } from '@unlinked/platform';
import { CurrentAccount, SessionGuard } from '../accounts/session.guard.js';
import type { SessionAccount } from '../accounts/sessions.service.js';
import { IssueTokensArgs, IssuerKeysArgs } from '../dto/identity.args.js';
import { IssuerKeys, TokenQuota } from '../models/issuer-keys.model.js';
import { IssuanceService } from './issuance.service.js';
import { remaining } from './quota.js';

@Resolver()
export class IssuanceResolver {
  constructor(
    private readonly issuance: IssuanceService,
    private readonly keys: IssuerKeysService,
  ) {}

  @Query(() => IssuerKeys, {
    description: "A company's issuer directory, key and origin challenge for one token kind.",
  })
  async issuerKeys(@Args() { company: slug, kind }: IssuerKeysArgs): Promise<IssuerKeys> {
    const company = await this.issuance.companyBySlug(slug);
    const { body, key } = this.issuance.directory(company, kind);
    const challenge = this.keys.challengeFor(company.slug, kind);
    return {
      company: company.slug,
      kind,
      issuerRequestUri: this.issuance.issuerRequestUri(company.slug, kind),
      directory: body,
      tokenKeys: [
        {
          tokenType: TOKEN_TYPE_VOPRF,
          tokenKey: base64urlEncode(key.publicKey),
          tokenKeyId: base64urlEncode(key.tokenKeyId),
          notBefore: key.notBefore,
        },
      ],
      challenge: base64urlEncode(challenge.serialize()),
      wwwAuthenticate: buildWWWAuthenticate({
        challenge,
        tokenKey: key.publicKey,
      }),
    };
  }

  @Mutation(() => [String], {
    description: 'Blindly evaluates TokenRequests; returns base64url TokenResponses in order.',
  })
  @UseGuards(SessionGuard)
  async issueTokens(
    @Args() { kind, requests, company: slug }: IssueTokensArgs,
    @CurrentAccount() account: SessionAccount,
  ): Promise<string[]> {
    const company = slug
      ? await this.issuance.companyBySlug(slug)
      : { id: account.companyId, slug: await this.slugOf(account.companyId) };
    const responses = await this.issuance.issueMany(account, company, kind, requests);
    return responses.map((r) => base64urlEncode(r));
  }

  @Query(() => [TokenQuota], {
    description: 'Tokens issued against the quota, per kind, for the signed-in account.',
  })
  @UseGuards(SessionGuard)
  async tokenQuota(@CurrentAccount() account: SessionAccount): Promise<TokenQuota[]> {
    const quotas = await this.issuance.quotas(account);
    return quotas.map((q) => ({
      ...q,
      remaining: remaining(q),
    }));
  }

  private async slugOf(companyId: string): Promise<string> {
    return this.issuance.companySlugById(companyId);
  }
}
