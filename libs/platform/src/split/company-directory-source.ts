/** One company of the public directory, as the identity side (its owner) hands it to the forum side. */
export interface DirectoryCompany {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly nameZh: string | null;
  readonly aliases: readonly string[];
  readonly industry: string | null;
  readonly sizeBucket: string | null;
  readonly headquarters: string | null;
  readonly description: string | null;
  readonly status: string;
  /** ISO time. */
  readonly createdAt: string;
  /** Accounts verified within the verification period: a count, never a list (privacy rule 9). */
  readonly verifiedMembers: number;
  readonly domains: readonly { readonly domain: string; readonly primary: boolean }[];
}

/**
 * Where the forum side gets the company directory from when the two sides have separate databases: the
 * identity side in the same process, or its internal endpoint (InternalIdentityClient). It is public data
 * plus one count per company; the forum pulls all of it on a fixed schedule, so the request says nothing
 * about any write.
 */
export interface CompanyDirectorySource {
  snapshot(): Promise<DirectoryCompany[]>;
}

export const COMPANY_DIRECTORY_SOURCE = Symbol('COMPANY_DIRECTORY_SOURCE');

/** The identity service's internal routes (split deployment), guarded by INTERNAL_API_TOKEN. */
export const INTERNAL_ROUTES = {
  companyDirectory: '/internal/company-directory',
  staffSession: '/internal/staff-session',
} as const;
