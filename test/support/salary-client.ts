import { SALARY_FIELDS } from '@unlinked/authorship';
import { ArcHolder, Author } from './forum-client.js';
import type { GqlResult, TestApi } from './test-app.js';

/** A salary report as the GraphQL input takes it (without company, key and signature). */
export interface SalaryDraft {
  jobTitle: string;
  level?: string | null;
  city: string;
  experience: string;
  tenure: string;
  employmentType: string;
  currency: string;
  basePay: number;
  bonus: number;
  stock: number;
  signOn?: number | null;
}

export const CREATE_SALARY = /* GraphQL */ `
  mutation CreateSalary($input: CreateSalaryReportInput!, $token: String) {
    createSalaryReport(input: $input, token: $token) {
      id
      status
    }
  }
`;

/** A report with sensible defaults; override what a test is about. */
export function salaryDraft(over: Partial<SalaryDraft> = {}): SalaryDraft {
  return {
    jobTitle: 'Software Engineer',
    level: 'P6',
    city: 'Hangzhou',
    experience: 'ThreeToFiveYears',
    tenure: 'OneToThreeYears',
    employmentType: 'FullTime',
    currency: 'CNY',
    basePay: 400_000,
    bonus: 80_000,
    stock: 100_000,
    signOn: null,
    ...over,
  };
}

/** The signed value of a field: GraphQL enum names are signed as their stored (lower-case) values. */
const ENUM_VALUES: Record<string, string> = {
  LessThanOneYear: 'lt1',
  OneToThreeYears: '1to3',
  ThreeToFiveYears: '3to5',
  FiveToTenYears: '5to10',
  MoreThanTenYears: 'gt10',
  FullTime: 'full_time',
  PartTime: 'part_time',
  Contract: 'contract',
  Intern: 'intern',
};

/** Submits a report the way a client does: a fresh report key, the holder's salary presentation. */
export function submitSalary(
  api: TestApi,
  holder: ArcHolder,
  draft: SalaryDraft,
  author = new Author(),
): Promise<GqlResult<{ createSalaryReport: { id: string; status: string } }>> {
  const signed = SALARY_FIELDS.map((f) => {
    const v = draft[f];
    return typeof v === 'string' ? (ENUM_VALUES[v] ?? v) : v;
  });
  return api.gql(CREATE_SALARY, {
    input: {
      companySlug: holder.company.slug,
      ...draft,
      authorKey: author.publicKey,
      signature: author.sign('create-salary', [holder.company.slug, ...signed]),
    },
    token: holder.salary(),
  });
}
