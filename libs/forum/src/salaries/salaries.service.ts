import { Inject, Injectable } from '@nestjs/common';
import { SALARY_FIELDS } from '@unlinked/authorship';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ContentStatus, ContentType, InjectForumDb } from '@unlinked/db/anonymous';
import { ArcAction } from '@unlinked/platform';
import { DataSource } from 'typeorm';
import type { AnonymousWrite } from '../anonymous-write.js';
import { parseAuthorKey, verifyAuthorship, type SignedField } from '../authorship/signed-message.js';
import { CompanyGateService } from '../company-gate.service.js';
import { ForumError, ForumErrorCode } from '../forum.errors.js';
import type { WriteReceipt } from '../models/forum.models.js';
import { publicationDelayMs, publicationDueAt } from '../publication/outbox.js';
import { arcTokenFrom, assertNoSession } from '../redemption/anonymous-request.js';
import { ArcRedemptionService } from '../redemption/arc-redemption.service.js';
import { OutboxRepository } from '../repositories/outbox.repository.js';
import { requiredText, optionalText } from '../text/clean-text.js';
import { bucketed } from '../time-bucket.js';
import { foldKey, levelKey, normaliseTitle } from './job-titles.js';
import { SalaryGroupsRepository } from './salary-groups.repository.js';
import type { CreateSalaryReportInput, DeleteSalaryReportInput, SalaryFieldsInput } from './salary.inputs.js';
import { SalaryReportsRepository, type SalaryReportFields } from './salary-reports.repository.js';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** The signed fields of a report, in SALARY_FIELDS order (absent sign-on and level are ""). */
export function salaryFields(input: SalaryFieldsInput): SignedField[] {
  return SALARY_FIELDS.map((f) => input[f]);
}

/** An ISO 4217 code the runtime knows (upper case), or CURRENCY_UNKNOWN. */
export function currencyCode(raw: string): string {
  const code = raw.toUpperCase();
  if (!CURRENCIES.has(code)) throw new ForumError(ForumErrorCode.CurrencyUnknown, 'currency', { field: 'currency' });
  return code;
}

/**
 * Salary reports (issue 14), each paid with an ARC presentation in the context
 * `salary:<company id>` under the current period's key: one report per person
 * per company per ARC period (VERIFICATION_MONTHS calendar months, 12 by
 * default); a second is refused with ALREADY_REPORTED_SALARY. Reports go
 * through the outbox, screening and the delayed publication like every other
 * content; publication recomputes the report's groups.
 */
@Injectable()
export class SalariesService {
  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    private readonly gate: CompanyGateService,
    private readonly arc: ArcRedemptionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reports: SalaryReportsRepository,
    private readonly groups: SalaryGroupsRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async create(input: CreateSalaryReportInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const token = arcTokenFrom(write.req, write.token);
    const fields = cleanSalary(input);
    const authorKey = parseAuthorKey(input.authorKey);
    verifyAuthorship(authorKey, input.signature, 'create-salary', [input.companySlug, ...salaryFields(input)]);
    const company = await this.gate.bySlug(input.companySlug);
    await this.gate.assertOpen(company);
    const presentation = await this.arc.verify(token, company, ArcAction.Salary, company.id, this.arc.currentPeriod());
    const createdAt = bucketed(this.config.anonymity.timeBucketSeconds);
    return this.dataSource.transaction(async (m) => {
      await this.arc.spend(m, presentation);
      const id = await this.reports.insert(m, {
        companyId: company.id,
        authorKey: Buffer.from(authorKey),
        createdAt,
        ...fields,
      });
      await this.outbox.enqueue(
        m,
        ContentType.Salary,
        id,
        publicationDelayMs(this.config),
        publicationDueAt(this.config),
      );
      return { id, status: ContentStatus.Pending };
    });
  }

  /** The author withdraws a report (signed with its key): the row goes, and a published one leaves its groups. */
  async delete(input: DeleteSalaryReportInput, write: AnonymousWrite): Promise<WriteReceipt> {
    assertNoSession(write.req);
    const row = await this.reports.findAuthored(input.id);
    if (!row) throw new ForumError(ForumErrorCode.SalaryReportNotFound);
    verifyAuthorship(row.authorKey, input.signature, 'delete-salary', [input.id]);
    await this.dataSource.transaction(async (m) => {
      const gone = await this.reports.delete(m, input.id);
      if (gone?.status === ContentStatus.Published) {
        await this.groups.recompute(m, gone, this.config.anonymity.minSalaryReports);
      }
    });
    return { id: input.id, status: ContentStatus.Deleted };
  }
}

/** Cleans and checks the fields; titles, levels and cities get their grouping keys. */
export function cleanSalary(input: SalaryFieldsInput): SalaryReportFields {
  const title = normaliseTitle(requiredText(input.jobTitle, { field: 'jobTitle', max: 100 }));
  const level = optionalText(input.level, { field: 'level', max: 40 });
  const city = requiredText(input.city, { field: 'city', max: 100 }).replace(/\s+/g, ' ');
  return {
    ...title,
    level,
    levelKey: level === null ? null : levelKey(level),
    city,
    cityKey: foldKey(city),
    experience: input.experience,
    tenure: input.tenure,
    employmentType: input.employmentType,
    currency: currencyCode(input.currency),
    basePay: String(input.basePay),
    bonus: String(input.bonus),
    stock: String(input.stock),
    signOn: input.signOn === null || input.signOn === undefined ? null : String(input.signOn),
  };
}
