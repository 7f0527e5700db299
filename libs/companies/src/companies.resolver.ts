import { Inject } from '@nestjs/common';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import type { Connection } from '@unlinked/platform';
import { CompaniesService } from './companies.service.js';
import { CompaniesArgs } from './dto/companies.args.js';
import { Company, CompanyConnection } from './models/company.model.js';

@Resolver(() => Company)
export class CompaniesResolver {
  constructor(
    private readonly service: CompaniesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => Company)
  company(@Args('slug') slug: string): Promise<Company> {
    return this.service.bySlug(slug);
  }

  @Query(() => CompanyConnection)
  companies(@Args() args: CompaniesArgs): Promise<Connection<Company>> {
    return this.service.list(args);
  }

  @ResolveField(() => String, {
    description: 'Verified members as a coarse bucket: "fewer than 10", "10+", "100+", "1000+", ...',
  })
  verifiedMembers(@Parent() company: Company): string {
    return verifiedMembersBucket(company.verifiedCount);
  }

  @ResolveField(() => Boolean, { description: 'Whether enough members have verified for the board to accept posts.' })
  boardOpen(@Parent() company: Company): boolean {
    return company.verifiedCount >= this.config.anonymity.minVerifiedForBoard;
  }
}

/** Powers of ten: 0-9 → "fewer than 10", 10-99 → "10+", 100-999 → "100+", ... */
export function verifiedMembersBucket(count: number): string {
  if (count < 10) return 'fewer than 10';
  return `${10 ** Math.floor(Math.log10(count + 0.5))}+`;
}
