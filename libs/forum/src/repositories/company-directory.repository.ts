import { Injectable } from '@nestjs/common';
import { CompanyDomainEntity, CompanyEntity } from '@unlinked/db';
import { DataSource } from 'typeorm';
import { InjectForumDb } from '@unlinked/db/anonymous';

/**
 * The anonymous side's reads of the shared company directory: the verified count (a number maintained by the
 * identity side, never a list of accounts) and a company's own domains.
 */
@Injectable()
export class CompanyDirectoryRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  async verifiedMembers(companyId: string): Promise<number> {
    const row = await this.dataSource
      .getRepository(CompanyEntity)
      .findOne({ select: { id: true, verifiedMembers: true }, where: { id: companyId } });
    return Number(row?.verifiedMembers ?? 0);
  }

  async domains(companyId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(CompanyDomainEntity)
      .find({ select: { domain: true }, where: { companyId } });
    return rows.map((r) => r.domain);
  }
}
