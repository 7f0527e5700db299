import { Injectable } from '@nestjs/common';
import type { CompanyEntity } from '@unlinked/db';
import { decodeCursor, toConnection, type Connection } from '@unlinked/platform';
import type { CompaniesArgs } from './dto/companies.args.js';
import type { Company } from './models/company.model.js';
import { CompanyError, CompanyErrorCode } from './companies.errors.js';
import { CompaniesRepository, type CompanyRef } from './companies.repository.js';

/** Throws the one "no such company" error (GraphQL COMPANY_NOT_FOUND, HTTP 404). */
function found<T>(value: T | null): T {
  if (value === null) throw new CompanyError(CompanyErrorCode.NotFound);
  return value;
}

/**
 * The company lookup for every library: by slug, by id, by email domain.
 * A missing company is always `CompanyError(CompanyErrorCode.NotFound)`.
 */
@Injectable()
export class CompaniesService {
  constructor(private readonly companies: CompaniesRepository) {}

  /** The full company (with its domains), as the API shows it. */
  async bySlug(slug: string): Promise<Company> {
    return CompaniesService.toModel(found(await this.companies.findBySlug(slug)));
  }

  async byId(id: string): Promise<Company> {
    return CompaniesService.toModel(found(await this.companies.findById(id)));
  }

  /** Id, slug and name of the company of `slug`: the lookup behind writes and issuance. */
  async refBySlug(slug: string): Promise<CompanyRef> {
    return found(await this.companies.findRefBySlug(slug));
  }

  async refById(id: string): Promise<CompanyRef> {
    return found(await this.companies.findRefById(id));
  }

  /** The company an email domain maps to: exact host first, then registrable domain; null when unmapped. */
  async idByDomain(...domains: string[]): Promise<string | null> {
    return this.companies.findIdByDomain(domains);
  }

  async list({ search, first, after }: CompaniesArgs): Promise<Connection<Company>> {
    const cursor = after ? (decodeCursor(after, ['string', 'uuid']) as [string, string]) : undefined;
    const keys = await this.companies.pageKeys({
      search,
      limit: first + 1,
      after: cursor ? { name: cursor[0], id: cursor[1] } : undefined,
    });
    const entities = await this.companies.findManyByIds(keys.map((k) => k.id));
    const byId = new Map(entities.map((e) => [e.id, e]));
    return toConnection(
      keys,
      first,
      (k) => [k.sort_name, k.id],
      (k) => CompaniesService.toModel(byId.get(k.id)!),
    );
  }

  static toModel(entity: CompanyEntity): Company {
    return {
      id: entity.id,
      slug: entity.slug,
      name: entity.name,
      nameZh: entity.nameZh ?? null,
      aliases: entity.aliases ?? [],
      domains: [...(entity.domains ?? [])]
        .sort((a, b) => Number(b.primary) - Number(a.primary) || a.domain.localeCompare(b.domain))
        .map((d) => d.domain),
      industry: entity.industry,
      size: entity.sizeBucket,
      headquarters: entity.headquarters,
      description: entity.description,
      status: entity.status,
      verifiedCount: entity.verifiedMembers,
    };
  }
}
