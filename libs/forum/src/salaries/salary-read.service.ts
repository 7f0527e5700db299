import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { decodeCursor, toConnection, type Connection, type CursorPart } from '@unlinked/platform';
import { CompanyGateService } from '../company-gate.service.js';
import { ForumError, ForumErrorCode } from '../forum.errors.js';
import { cleanText } from '../text/clean-text.js';
import { foldKey, JOB_TITLES, levelKey, normaliseTitle } from './job-titles.js';
import {
  GROUP_SORTS,
  LOOKUP_SORTS,
  SalaryGroupsRepository,
  type SalaryAfter,
  type SalaryGroupRow,
} from './salary-groups.repository.js';
import { SalaryScope, SalarySort } from './salary.enums.js';
import type { SalaryComparisonArgs, SalaryGroupsArgs, SalaryLookupArgs } from './salary.inputs.js';
import type { PayRange, SalaryComparison, SalaryGroup, SalaryTitle } from './salary.models.js';
import { currencyCode } from './salaries.service.js';

/** The comparison lists at most this many of the company's titles. */
const COMPARE_TITLES = 50;

/**
 * Salary pages, read from salary_groups only: a group's figures appear once it
 * has SALARY_MIN_REPORTS published reports, and no read touches a report.
 */
@Injectable()
export class SalaryReadService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gate: CompanyGateService,
    private readonly groups: SalaryGroupsRepository,
  ) {}

  /** SALARY_MIN_REPORTS. */
  get k(): number {
    return this.config.anonymity.minSalaryReports;
  }

  titles(): SalaryTitle[] {
    return JOB_TITLES.map(({ key, name, nameZh }) => ({ key, name, nameZh }));
  }

  /** A company's titles, each with its visible levels and cities. */
  async companyGroups(args: SalaryGroupsArgs): Promise<Connection<SalaryGroup>> {
    const company = await this.gate.bySlug(args.companySlug);
    const sort = GROUP_SORTS[args.sort];
    const after = args.after ? cursor(args.after, sort.key) : null;
    const currency = args.currency ? currencyCode(args.currency) : undefined;
    const rows = await this.groups.titles(company.id, currency, args.sort, after, args.first + 1, this.k);
    const finer = await this.groups.breakdown(company.id, rows.slice(0, args.first), this.k);
    return toConnection(
      rows,
      args.first,
      (r) => [sort.cursor(r), r.title_key, r.currency],
      (r) => ({
        ...this.toGroup(r),
        breakdown: finer
          .filter((f) => f.title_key === r.title_key && f.currency === r.currency)
          .map((f) => this.toGroup(f)),
      }),
    );
  }

  /** The company's titles beside the same titles (same currency) at up to three other companies. */
  async comparison(args: SalaryComparisonArgs): Promise<SalaryComparison> {
    const slugs = [args.companySlug, ...args.compareWith];
    if (new Set(slugs).size !== slugs.length) throw new ForumError(ForumErrorCode.CompareCompaniesInvalid);
    const companies = await Promise.all(slugs.map((s) => this.gate.bySlug(s)));
    const own = await this.groups.titles(companies[0].id, undefined, SalarySort.Reports, null, COMPARE_TITLES, this.k);
    const cells = await this.groups.titlesOf(
      companies.map((c) => c.id),
      own,
    );
    return {
      companies: companies.map((c) => ({ slug: c.slug, name: c.name })),
      rows: own.map((t) => ({
        titleKey: t.title_key,
        jobTitle: t.job_title,
        currency: t.currency,
        cells: companies.map((c) => {
          const cell = cells.find(
            (g) => g.company_id === c.id && g.title_key === t.title_key && g.currency === t.currency,
          );
          return cell ? this.toGroup(cell) : null;
        }),
      })),
    };
  }

  /** Per company, the finest visible group of the title matching the level and city. */
  async lookup(args: SalaryLookupArgs): Promise<Connection<SalaryGroup>> {
    const sort = LOOKUP_SORTS[args.sort];
    const after = args.after ? cursor(args.after, sort.key, 'uuid') : null;
    const title = normaliseTitle(cleanText(args.jobTitle));
    const level = cleanText(args.level ?? '');
    const city = cleanText(args.city ?? '');
    const rows = await this.groups.lookup(
      {
        titleKey: title.titleKey,
        levelKey: level ? levelKey(level) : null,
        cityKey: city ? foldKey(city) : null,
        currency: args.currency ? currencyCode(args.currency) : null,
      },
      args.sort,
      after,
      args.first + 1,
      this.k,
    );
    return toConnection(
      rows,
      args.first,
      (r) => [sort.cursor(r), r.company_id, r.currency],
      (r) => this.toGroup(r),
    );
  }

  private toGroup(r: SalaryGroupRow): SalaryGroup {
    const visible = r.report_count >= this.k && r.total_p50 !== null;
    const range = (part: 'total' | 'base' | 'bonus' | 'stock' | 'sign_on'): PayRange | null => {
      const [p25, median, p75] = [r[`${part}_p25`], r[`${part}_p50`], r[`${part}_p75`]];
      if (!visible || p25 === null || median === null || p75 === null) return null;
      return { p25: Number(p25), median: Number(median), p75: Number(p75) };
    };
    return {
      company: { slug: r.company_slug, name: r.company_name },
      scope: r.scope as SalaryScope,
      titleKey: r.title_key,
      jobTitle: r.job_title,
      level: r.level,
      city: r.city,
      currency: r.currency,
      reportCount: r.report_count,
      minimumReports: this.k,
      visible,
      demoReports: r.demo_count,
      total: range('total'),
      base: range('base'),
      bonus: range('bonus'),
      stock: range('stock'),
      signOn: r.sign_on_count >= this.k ? range('sign_on') : null,
      breakdown: [],
    };
  }
}

function cursor(after: string, key: CursorPart, tie: 'string' | 'uuid' = 'string'): SalaryAfter {
  const [value, t, currency] = decodeCursor(after, [key, tie, 'string']);
  return [value, t as string, currency as string];
}
