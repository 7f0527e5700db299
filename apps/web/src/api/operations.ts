/**
 * Every GraphQL document the web app and CLI send, with its result type.
 * test/web/operations.spec.ts validates each document against apps/api/schema.gql,
 * so a schema change that breaks one fails the build instead of a user.
 */
export type CompanySize = 'Tiny' | 'Small' | 'Medium' | 'Large' | 'VeryLarge' | 'Huge';

export interface CompanySummary {
  id: string;
  slug: string;
  name: string;
  industry: string | null;
  headquarters: string | null;
  size: CompanySize | null;
  status: 'Confirmed' | 'Unconfirmed';
  domains: string[];
}

export interface Company extends CompanySummary {
  description: string | null;
}

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

export const COMPANIES = /* GraphQL */ `
  query Companies($search: String, $first: Int!, $after: String) {
    companies(search: $search, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          slug
          name
          industry
          headquarters
          size
          status
          domains
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`;
export type CompaniesResult = { companies: Connection<CompanySummary> };

export const COMPANY = /* GraphQL */ `
  query Company($slug: String!) {
    company(slug: $slug) {
      id
      slug
      name
      description
      industry
      headquarters
      size
      status
      domains
    }
  }
`;
export type CompanyResult = { company: Company };

/** All documents, for the schema validation test. */
export const ALL_OPERATIONS: Record<string, string> = { COMPANIES, COMPANY };
