import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Connection } from '../common/pagination/pagination.js';
import { CompaniesService } from './companies.service.js';
import { CompaniesArgs } from './dto/companies.args.js';
import { Company, CompanyConnection } from './models/company.model.js';

@Resolver(() => Company)
export class CompaniesResolver {
  constructor(private readonly service: CompaniesService) {}

  @Query(() => Company)
  company(@Args('slug') slug: string): Promise<Company> {
    return this.service.bySlug(slug);
  }

  @Query(() => CompanyConnection)
  companies(@Args() args: CompaniesArgs): Promise<Connection<Company>> {
    return this.service.list(args);
  }
}
