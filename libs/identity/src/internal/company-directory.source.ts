import { Injectable } from '@nestjs/common';
import { CompaniesRepository } from '@unlinked/companies';
import type { CompanyDirectorySource, DirectoryCompany } from '@unlinked/platform';

/** The identity side's company directory (its owner), as the forum side copies it. */
@Injectable()
export class IdentityCompanyDirectory implements CompanyDirectorySource {
  constructor(private readonly companies: CompaniesRepository) {}

  async snapshot(): Promise<DirectoryCompany[]> {
    return (await this.companies.all()).map((c) => ({
      id: c.id,
      slug: c.slug,
      name: c.name,
      nameZh: c.nameZh ?? null,
      aliases: c.aliases ?? [],
      industry: c.industry ?? null,
      sizeBucket: c.sizeBucket ?? null,
      headquarters: c.headquarters ?? null,
      description: c.description ?? null,
      status: c.status,
      createdAt: c.createdAt.toISOString(),
      verifiedMembers: Number(c.verifiedMembers),
      domains: c.domains.map((d) => ({ domain: d.domain, primary: d.primary })),
    }));
  }
}
