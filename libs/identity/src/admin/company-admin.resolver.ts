import { Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Args, Mutation, Resolver, ArgsType, Field } from '@nestjs/graphql';
import { AccountRole } from '@unlinked/db/identity';
import { IsString, Length, Matches } from 'class-validator';
import { CompaniesService, Company } from '@unlinked/companies';
import { requestOf, SessionGuard } from '../accounts/session.guard.js';
import { IdentityError, IdentityErrorCode } from '../identity.errors.js';
import { CompanyAdminService } from './company-admin.service.js';

/** After SessionGuard: only admins pass. */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (requestOf(context).session?.role !== AccountRole.Admin) throw new IdentityError(IdentityErrorCode.Forbidden);
    return true;
  }
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

@ArgsType()
class CompanySlugArgs {
  @Field()
  @IsString()
  @Matches(SLUG)
  slug: string;
}

@ArgsType()
class RenameCompanyArgs extends CompanySlugArgs {
  @Field()
  @IsString()
  @Length(1, 200)
  name: string;
}

@ArgsType()
class MergeCompaniesArgs {
  @Field({ description: 'The duplicate, removed after the merge.' })
  @IsString()
  @Matches(SLUG)
  from: string;

  @Field({ description: 'The company that keeps the domains and accounts.' })
  @IsString()
  @Matches(SLUG)
  into: string;
}

@Resolver()
@UseGuards(SessionGuard, AdminGuard)
export class CompanyAdminResolver {
  constructor(
    private readonly admin: CompanyAdminService,
    private readonly companies: CompaniesService,
  ) {}

  @Mutation(() => Company, { description: 'Admin: marks a company created from an unknown domain as confirmed.' })
  async confirmCompany(@Args() { slug }: CompanySlugArgs): Promise<Company> {
    return this.companies.bySlug(await this.admin.confirm(slug));
  }

  @Mutation(() => Company, { description: 'Admin: renames a company.' })
  async renameCompany(@Args() { slug, name }: RenameCompanyArgs): Promise<Company> {
    return this.companies.bySlug(await this.admin.rename(slug, name.trim()));
  }

  @Mutation(() => Company, { description: 'Admin: merges a duplicate company into another.' })
  async mergeCompanies(@Args() { from, into }: MergeCompaniesArgs): Promise<Company> {
    return this.companies.bySlug(await this.admin.merge(from, into));
  }
}
