/**
 * Salary reports on the client (issue 14): the draft, its checks before
 * anything is spent, and how aggregates are shown. A report is paid with an
 * ARC presentation in the context salary:<company id> (one per company per
 * period); the server only ever returns group aggregates.
 */
import { ApiError } from './errors.js';
import type { SalaryEmploymentType, TenureBucket } from './operations/generated.js';

export interface SalaryDraft {
  jobTitle: string;
  level: string | null;
  city: string;
  experience: TenureBucket;
  tenure: TenureBucket;
  employmentType: SalaryEmploymentType;
  currency: string;
  basePay: number;
  bonus: number;
  stock: number;
  signOn: number | null;
}

/** The server's bound for one amount per year (GraphQL Int). */
export const SALARY_AMOUNT_MAX = 2_000_000_000;

export const TENURE_BUCKETS: readonly TenureBucket[] = [
  'LessThanOneYear',
  'OneToThreeYears',
  'ThreeToFiveYears',
  'FiveToTenYears',
  'MoreThanTenYears',
];

export const EMPLOYMENT_TYPES: readonly SalaryEmploymentType[] = ['FullTime', 'PartTime', 'Contract', 'Intern'];

/** The checks the server makes on amounts and currency, before a credential is presented. */
export function validateSalaryAmounts(draft: SalaryDraft): void {
  if (!/^[A-Za-z]{3}$/.test(draft.currency)) throw new ApiError('CURRENCY_UNKNOWN', 'currency', { field: 'currency' });
  const amounts: [keyof SalaryDraft, number | null, number][] = [
    ['basePay', draft.basePay, 1],
    ['bonus', draft.bonus, 0],
    ['stock', draft.stock, 0],
    ['signOn', draft.signOn, 0],
  ];
  for (const [field, value, min] of amounts) {
    if (value === null && field === 'signOn') continue;
    if (value === null || !Number.isInteger(value) || value < min || value > SALARY_AMOUNT_MAX) {
      throw new ApiError('SALARY_AMOUNT_INVALID', field, { field });
    }
  }
}

/** An amount as shown: already rounded to 1,000 by the server; grouped for the reader's language. */
export function formatPay(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${amount.toLocaleString(locale)} ${currency}`;
  }
}
