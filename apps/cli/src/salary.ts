/**
 * The CLI's salary commands (issue 14): `salary` submits one report, every
 * field given as a flag (none has a default, so none skews a group), and
 * `salaries` prints a company's aggregates. Only group figures exist on the
 * server's side of the API: no command can show a single report.
 */
import {
  formatPay,
  publicRequest,
  SalaryGroupsDocument,
  type SalaryDraft,
  type SalaryGroupFieldsFragment,
} from '@unlinked/client';
import { choice, need, UsageError } from './args.js';

/** parseArgs options of the salary command. */
export const SALARY_OPTIONS = {
  level: { type: 'string' },
  city: { type: 'string' },
  experience: { type: 'string' },
  'employment-type': { type: 'string' },
  currency: { type: 'string' },
  base: { type: 'string' },
  bonus: { type: 'string' },
  stock: { type: 'string' },
  'sign-on': { type: 'string' },
} as const;

const BUCKETS = {
  lt1: 'LessThanOneYear',
  '1-3': 'OneToThreeYears',
  '3-5': 'ThreeToFiveYears',
  '5-10': 'FiveToTenYears',
  gt10: 'MoreThanTenYears',
} as const;
const EMPLOYMENT_TYPES = {
  'full-time': 'FullTime',
  'part-time': 'PartTime',
  contract: 'Contract',
  intern: 'Intern',
} as const;

export const SALARY_USAGE = `  salary --company SLUG --job-title T --city C --experience B --tenure B
         --employment-type full-time|part-time|contract|intern --currency CNY|USD|...
         --base N --bonus N --stock N [--level L] [--sign-on N]
         (B: lt1|1-3|3-5|5-10|gt10; amounts are whole numbers per year, bonus and stock 0 if none)
         every field is asked for, none has a default; one report per company per period;
         only aggregates of at least SALARY_MIN_REPORTS reports are ever shown
  salaries --company SLUG             a company's pay by title (median and middle half; small groups hidden)`;

type Flags = Record<string, string | boolean | string[] | undefined>;

/** The report the flags describe; a missing or malformed flag is a UsageError naming it. */
export function salaryDraftFromFlags(v: Flags): SalaryDraft {
  const text = (flag: string): string | undefined => (typeof v[flag] === 'string' ? v[flag] : undefined);
  const amount = (flag: string): number => {
    const digits = need(text(flag), flag).replace(/[,_\s]/g, '');
    if (!/^\d+$/.test(digits)) throw new UsageError(`--${flag} must be a whole number (per year)`);
    return Number(digits);
  };
  return {
    jobTitle: need(text('job-title'), 'job-title'),
    level: text('level') || null,
    city: need(text('city'), 'city'),
    experience: choice(text('experience'), 'experience', BUCKETS),
    tenure: choice(text('tenure'), 'tenure', BUCKETS),
    employmentType: choice(text('employment-type'), 'employment-type', EMPLOYMENT_TYPES),
    currency: need(text('currency'), 'currency').toUpperCase(),
    basePay: amount('base'),
    bonus: amount('bonus'),
    stock: amount('stock'),
    signOn: text('sign-on') ? amount('sign-on') : null,
  };
}

function line(g: SalaryGroupFieldsFragment, label: string): string {
  if (!g.visible || !g.total) {
    return `${label}  ${g.reportCount} reports: not enough reports yet (${g.minimumReports} needed)`;
  }
  const f = (n: number) => formatPay(n, g.currency, 'en');
  const part = (name: string, r: SalaryGroupFieldsFragment['total']) =>
    r ? `${name} ${f(r.median)} (${f(r.p25)}–${f(r.p75)})` : `${name} –`;
  return `${label}  ${g.reportCount} reports: ${part('total', g.total)}; ${part('base', g.base)}; ${part('bonus', g.bonus)}; ${part('stock', g.stock)}`;
}

/** Prints a company's titles and their large-enough levels and cities. */
export async function printSalaries(companySlug: string): Promise<void> {
  const { salaryGroups } = await publicRequest(SalaryGroupsDocument, { companySlug, sort: 'Reports', first: 100 });
  if (salaryGroups.edges.length === 0) console.log('No salaries reported yet.');
  for (const { node } of salaryGroups.edges) {
    console.log(line(node, `${node.jobTitle} [${node.currency}]`));
    for (const g of node.breakdown) {
      const label = [g.level && `level ${g.level}`, g.city].filter(Boolean).join(', ');
      console.log(line(g, `  ${label}`));
    }
  }
}
