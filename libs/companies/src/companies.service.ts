import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CompanyEntity } from '@unlinked/db';
import { Brackets, type Repository } from 'typeorm';
import { decodeCursor, toConnection, type Connection } from '@unlinked/platform';
import type { CompaniesArgs } from './dto/companies.args.js';
import type { Company } from './models/company.model.js';
import { CompanyError, CompanyErrorCode } from './companies.errors.js';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Injectable()
export class CompaniesService {
  constructor(@InjectRepository(CompanyEntity) private readonly companies: Repository<CompanyEntity>) {}

  async bySlug(slug: string): Promise<Company> {
    const entity = await this.companies.findOne({ where: { slug }, relations: { domains: true } });
    if (!entity) throw new CompanyError(CompanyErrorCode.NotFound);
    return CompaniesService.toModel(entity);
  }

  async byId(id: string): Promise<Company> {
    const entity = await this.companies.findOne({ where: { id }, relations: { domains: true } });
    if (!entity) throw new CompanyError(CompanyErrorCode.NotFound);
    return CompaniesService.toModel(entity);
  }

  /** Keyset pagination on (lower(name), id): stable under inserts, no OFFSET. */
  async list({ search, first, after }: CompaniesArgs): Promise<Connection<Company>> {
    const query = this.companies
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('lower(c.name)', 'sort_name')
      .orderBy('sort_name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(first + 1);
    const term = search?.trim().toLowerCase();
    if (term) {
      const like = `%${escapeLike(term)}%`;
      query.andWhere(
        new Brackets((w) =>
          w
            .where('lower(c.name) LIKE :like', { like })
            .orWhere('EXISTS (SELECT 1 FROM company_domains d WHERE d.company_id = c.id AND d.domain LIKE :like)', {
              like,
            }),
        ),
      );
    }
    if (after) {
      const [name, id] = decodeCursor(after, ['string', 'uuid']);
      query.andWhere('(lower(c.name), c.id) > (:name, :id)', { name, id });
    }
    const keys = await query.getRawMany<{ id: string; sort_name: string }>();
    const entities = keys.length
      ? await this.companies.find({ where: keys.map((k) => ({ id: k.id })), relations: { domains: true } })
      : [];
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
