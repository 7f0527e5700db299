import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ForumError, ForumErrorCode } from './forum.errors.js';
import { BoardsRepository } from './repositories/boards.repository.js';
import { CompaniesService, type CompanyRef } from '@unlinked/companies';
import { CompanyDirectoryRepository } from './repositories/company-directory.repository.js';

export type { CompanyRef };

/**
 * Which company a write speaks for, and whether its board is open
 * (privacy rule 9: at least BOARD_MIN_VERIFIED accounts have verified).
 */
@Injectable()
export class CompanyGateService {
  constructor(
    private readonly directory: CompaniesService,
    private readonly companies: CompanyDirectoryRepository,
    private readonly boards: BoardsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The product's one company lookup (@unlinked/companies); an unknown slug is its COMPANY_NOT_FOUND. */
  bySlug(slug: string): Promise<CompanyRef> {
    return this.directory.refBySlug(slug);
  }

  /**
   * The one read of the identity side's count: `companies.verified_members`,
   * maintained by the identity side (a count, never a list of accounts).
   */
  verifiedMembers(companyId: string): Promise<number> {
    return this.companies.verifiedMembers(companyId);
  }

  async assertOpen(company: CompanyRef): Promise<void> {
    if ((await this.verifiedMembers(company.id)) < this.config.anonymity.minVerifiedForBoard) {
      throw new ForumError(ForumErrorCode.BoardClosed, company.slug);
    }
  }

  boardExists(slug: string): Promise<boolean> {
    return this.boards.exists(slug);
  }
}
