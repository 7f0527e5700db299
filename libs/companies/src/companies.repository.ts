import { Inject, Injectable } from '@nestjs/common';
import { CompanyDomainEntity, CompanyEntity, CompanyStatus, isUniqueViolation } from '@unlinked/db';
import { escapeLike } from '@unlinked/platform';
import { Brackets, DataSource, type EntityManager, type Repository } from 'typeorm';

/** The DataSource of the side whose copy of the directory this module instance reads (CompaniesModule.forSide). */
export const COMPANIES_DB = Symbol('COMPANIES_DB');

/** What a write or an issuer needs of a company: found by slug, no domains. */
export type CompanyRef = Pick<CompanyEntity, 'id' | 'slug' | 'name'>;

/** One row of a keyset page of companies ordered by (lower(name), id). */
export interface CompanyPageKey {
  id: string;
  sort_name: string;
}

/**
 * The one place that reads and writes `companies` and `company_domains`
 * (shared reference data). Every method takes an optional EntityManager to
 * run inside a caller's transaction.
 */
@Injectable()
export class CompaniesRepository {
  constructor(@Inject(COMPANIES_DB) private readonly dataSource: DataSource) {}

  private companies(manager: EntityManager = this.dataSource.manager): Repository<CompanyEntity> {
    return manager.getRepository(CompanyEntity);
  }

  /**
   * A company with its domains. Slug and id are unique, so `find` loads both in one joined query; `findOne` with a
   * relation would first run a DISTINCT subquery for its LIMIT 1 (two statements on every company page).
   */
  async findBySlug(slug: string, manager?: EntityManager): Promise<CompanyEntity | null> {
    const [company] = await this.companies(manager).find({ where: { slug }, relations: { domains: true } });
    return company ?? null;
  }

  async findById(id: string, manager?: EntityManager): Promise<CompanyEntity | null> {
    const [company] = await this.companies(manager).find({ where: { id }, relations: { domains: true } });
    return company ?? null;
  }

  /** Id, slug and name only (the lookup of writes and issuance: no join). */
  async findRefBySlug(slug: string, manager?: EntityManager): Promise<CompanyRef | null> {
    return this.companies(manager).findOne({ select: { id: true, slug: true, name: true }, where: { slug } });
  }

  async findRefById(id: string, manager?: EntityManager): Promise<CompanyRef | null> {
    return this.companies(manager).findOne({ select: { id: true, slug: true, name: true }, where: { id } });
  }

  /** The company of the longest of `domains` that is mapped (exact host before registrable domain). */
  async findIdByDomain(
    domains: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const rows = (await manager.query(
      `SELECT company_id AS "companyId" FROM company_domains WHERE domain = ANY($1) ORDER BY length(domain) DESC LIMIT 1`,
      [domains],
    )) as Pick<CompanyDomainEntity, 'companyId'>[];
    return rows[0]?.companyId ?? null;
  }

  /** Keyset page on (lower(name), id): stable under inserts, no OFFSET. `search` matches name, Chinese name, alias or domain. */
  async pageKeys(
    { search, limit, after }: { search?: string; limit: number; after?: { name: string; id: string } },
    manager?: EntityManager,
  ): Promise<CompanyPageKey[]> {
    const query = this.companies(manager)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('lower(c.name)', 'sort_name')
      .orderBy('sort_name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit);
    const term = search?.trim().toLowerCase();
    if (term) {
      const like = `%${escapeLike(term)}%`;
      query.andWhere(
        new Brackets((w) =>
          w
            .where('lower(c.name) LIKE :like', { like })
            .orWhere('c.name_zh LIKE :like', { like })
            .orWhere('EXISTS (SELECT 1 FROM unnest(c.aliases) a WHERE lower(a) LIKE :like)', { like })
            .orWhere('EXISTS (SELECT 1 FROM company_domains d WHERE d.company_id = c.id AND d.domain LIKE :like)', {
              like,
            }),
        ),
      );
    }
    if (after) query.andWhere('(lower(c.name), c.id) > (:name, :id)', { name: after.name, id: after.id });
    return query.getRawMany<CompanyPageKey>();
  }

  /** Companies with their domains, in no particular order. */
  /** Every company with its domains (the forum side's copy is made from this; see CompanyReplicaService). */
  async all(manager?: EntityManager): Promise<CompanyEntity[]> {
    return this.companies(manager).find({ relations: { domains: true }, order: { id: 'ASC' } });
  }

  async findManyByIds(ids: readonly string[], manager?: EntityManager): Promise<CompanyEntity[]> {
    if (ids.length === 0) return [];
    return this.companies(manager).find({ where: ids.map((id) => ({ id })), relations: { domains: true } });
  }

  /**
   * Creates an unconfirmed company with its primary domain, under a savepoint
   * so that the caller's transaction stays usable after a conflict. Null when
   * the slug or the domain is taken (unique violation; nothing written).
   */
  async insertUnconfirmed(
    manager: EntityManager,
    { slug, name, domain }: { slug: string; name: string; domain: string },
  ): Promise<string | null> {
    await manager.query(`SAVEPOINT new_company`);
    try {
      const [company] = (await manager.query(
        `INSERT INTO companies (slug, name, status) VALUES ($1, $2, $3) RETURNING id`,
        [slug, name, CompanyStatus.Unconfirmed],
      )) as Pick<CompanyEntity, 'id'>[];
      await manager.query(`INSERT INTO company_domains (domain, company_id, "primary") VALUES ($1, $2, true)`, [
        domain,
        company.id,
      ]);
      await manager.query(`RELEASE SAVEPOINT new_company`);
      return company.id;
    } catch (e) {
      await manager.query(`ROLLBACK TO SAVEPOINT new_company`);
      if (!isUniqueViolation(e)) throw e;
      return null;
    }
  }

  /** Sets the status; the slug, or null when no company has it. */
  async setStatus(slug: string, status: CompanyStatus, manager?: EntityManager): Promise<string | null> {
    return this.updateBySlug(
      `UPDATE companies SET status = $2 WHERE slug = $1 RETURNING slug`,
      [slug, status],
      manager,
    );
  }

  /** Renames; the slug, or null when no company has it. */
  async rename(slug: string, name: string, manager?: EntityManager): Promise<string | null> {
    return this.updateBySlug(`UPDATE companies SET name = $2 WHERE slug = $1 RETURNING slug`, [slug, name], manager);
  }

  /** Locks the companies of these slugs (FOR UPDATE, in id order so that concurrent callers cannot deadlock). */
  async lockBySlugs(slugs: readonly string[], manager: EntityManager): Promise<Pick<CompanyEntity, 'id' | 'slug'>[]> {
    return (await manager.query(`SELECT id, slug FROM companies WHERE slug = ANY($1) ORDER BY id FOR UPDATE`, [
      slugs,
    ])) as Pick<CompanyEntity, 'id' | 'slug'>[];
  }

  /** Moves every domain of `fromId` to `intoId`, none of them primary there. */
  async moveDomains(fromId: string, intoId: string, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(CompanyDomainEntity)
      .update({ companyId: fromId }, { companyId: intoId, primary: false });
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await this.companies(manager).delete({ id });
  }

  private async updateBySlug(
    sql: string,
    params: unknown[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const rows = (await manager.query(`WITH u AS (${sql}) SELECT slug FROM u`, params)) as Pick<
      CompanyEntity,
      'slug'
    >[];
    return rows[0]?.slug ?? null;
  }
}
