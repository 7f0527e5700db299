import { Injectable } from '@nestjs/common';
import { SalaryReportEntity, type StoredContentStatus, InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource, type EntityManager } from 'typeorm';
import { returned } from '../repositories/sql-result.js';
import type { SalaryGroupKey } from './salary-groups.repository.js';

/** What the server stores of a report besides its company, key, status and time. */
export type SalaryReportFields = Pick<
  SalaryReportEntity,
  | 'jobTitle'
  | 'titleKey'
  | 'level'
  | 'levelKey'
  | 'city'
  | 'cityKey'
  | 'experience'
  | 'tenure'
  | 'employmentType'
  | 'currency'
  | 'basePay'
  | 'bonus'
  | 'stock'
  | 'signOn'
>;

/** Salary reports: written once, deleted by their author; read only by the aggregates' recomputation. */
@Injectable()
export class SalaryReportsRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    report: Pick<SalaryReportEntity, 'companyId' | 'authorKey' | 'createdAt'> & SalaryReportFields,
  ): Promise<string> {
    const result = await manager.getRepository(SalaryReportEntity).insert(report);
    return (result.identifiers[0] as { id: string }).id;
  }

  findAuthored(id: string): Promise<Pick<SalaryReportEntity, 'id' | 'authorKey'> | null> {
    return this.dataSource
      .getRepository(SalaryReportEntity)
      .findOne({ select: { id: true, authorKey: true }, where: { id } });
  }

  /**
   * Deletes the row (nothing of a withdrawn report stays readable) and returns
   * its group and whether it was published, for the recomputation.
   */
  async delete(
    manager: EntityManager,
    id: string,
  ): Promise<(SalaryGroupKey & { status: StoredContentStatus }) | undefined> {
    const [row] = returned<SalaryGroupKey & { status: StoredContentStatus }>(
      await manager.query(
        `DELETE FROM salary_reports WHERE id = $1 RETURNING company_id, title_key, currency, status`,
        [id],
      ),
    );
    return row;
  }
}
