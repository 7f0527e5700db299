import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { DataSource } from 'typeorm';
import { ForumError, ForumErrorCode } from './forum.errors.js';

export interface CompanyRef {
  id: string;
  slug: string;
  name: string;
}

/**
 * Which company a write speaks for, and whether its board is open
 * (privacy rule 9: at least BOARD_MIN_VERIFIED accounts have verified).
 */
@Injectable()
export class CompanyGateService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async bySlug(slug: string): Promise<CompanyRef> {
    const [row] = (await this.dataSource.query(`SELECT id, slug, name FROM companies WHERE slug = $1`, [
      slug,
    ])) as CompanyRef[];
    if (!row) throw new ForumError(ForumErrorCode.CompanyNotFound);
    return row;
  }

  /**
   * The one read of the identity side's count: `companies.verified_members`,
   * maintained by the identity side (a count, never a list of accounts).
   */
  async verifiedMembers(companyId: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT verified_members AS n FROM companies WHERE id = $1`, [
      companyId,
    ])) as {
      n: number | null;
    }[];
    return Number(row?.n ?? 0);
  }

  async assertOpen(company: CompanyRef): Promise<void> {
    if ((await this.verifiedMembers(company.id)) < this.config.anonymity.minVerifiedForBoard) {
      throw new ForumError(ForumErrorCode.BoardClosed, company.slug);
    }
  }

  async boardExists(slug: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM boards WHERE slug = $1`, [slug])) as unknown[];
    return rows.length > 0;
  }
}
