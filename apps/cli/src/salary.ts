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

type Flags = Record<string, string | boolean | undefined>;

/** Throws with the flag's name; `usage` makes the caller's usage error. */
export function salaryDraftFromFlags(v: Flags, usage: (message: string) => Error): SalaryDraft {
  const need = (flag: string): string => {
    const value = v[flag];
    if (typeof value !== 'string' || value.trim() === '') throw usage(`missing --${flag}`);
    return value;
  };
  const pick = <T>(flag: string, options: Record<string, T>): T => {
    const key = need(flag).toLowerCase();
    if (!Object.hasOwn(options, key)) throw usage(`--${flag} must be one of ${Object.keys(options).join(', ')}`);
    return options[key];
  };
  const amount = (flag: string): number => {
    const text = need(flag).replace(/[,_\s]/g, '');
    if (!/^\d+$/.test(text)) throw usage(`--${flag} must be a whole number (per year)`);
    return Number(text);
  };
  const optional = (flag: string) => (typeof v[flag] === 'string' && v[flag] !== '' ? (v[flag] as string) : null);
  return {
    jobTitle: need('job-title'),
    level: optional('level'),
    city: need('city'),
    experience: pick('experience', BUCKETS),
    tenure: pick('tenure', BUCKETS),
    employmentType: pick('employment-type', EMPLOYMENT_TYPES),
    currency: need('currency').toUpperCase(),
    basePay: amount('base'),
    bonus: amount('bonus'),
    stock: amount('stock'),
    signOn: optional('sign-on') === null ? null : amount('sign-on'),
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
