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

// ---------------------------------------------------------------- identity side
export type TokenKind = 'post' | 'review' | 'reaction';

export interface Account {
  role: string;
  verifiedOn: string;
  verifiedUntil: string;
  company: { slug: string; name: string };
}

export const REQUEST_CODE = /* GraphQL */ `
  mutation RequestVerificationCode($email: String!) {
    requestVerificationCode(email: $email) {
      sent
      expiresInSeconds
    }
  }
`;
export type RequestCodeResult = { requestVerificationCode: { sent: boolean; expiresInSeconds: number } };

export const VERIFY_CODE = /* GraphQL */ `
  mutation VerifyCode($email: String!, $code: String!) {
    verifyCode(email: $email, code: $code) {
      token
      expiresAt
      account {
        role
        verifiedOn
        verifiedUntil
        company {
          slug
          name
        }
      }
    }
  }
`;
export type VerifyCodeResult = { verifyCode: { token: string; expiresAt: string; account: Account } };

export const ME = /* GraphQL */ `
  query Me {
    me {
      role
      verifiedOn
      verifiedUntil
      company {
        slug
        name
      }
    }
  }
`;
export type MeResult = { me: Account | null };

export const LOGOUT = /* GraphQL */ `
  mutation Logout {
    logout
  }
`;
export type LogoutResult = { logout: boolean };

export const ISSUER_KEYS = /* GraphQL */ `
  query IssuerKeys($company: String!, $kind: TokenKind!) {
    issuerKeys(company: $company, kind: $kind) {
      company
      kind
      directory
      challenge
      tokenKeys {
        tokenType
        tokenKey
        tokenKeyId
        notBefore
      }
    }
  }
`;
export type IssuerKeysResult = {
  issuerKeys: {
    company: string;
    kind: string;
    directory: string;
    challenge: string;
    tokenKeys: { tokenType: number; tokenKey: string; tokenKeyId: string; notBefore: number }[];
  };
};

export const TOKEN_QUOTA = /* GraphQL */ `
  query TokenQuota {
    tokenQuota {
      kind
      epoch
      issued
      quota
      remaining
      resetsAt
    }
  }
`;
export type TokenQuotaResult = {
  tokenQuota: {
    kind: 'Post' | 'Review' | 'Reaction';
    epoch: number;
    issued: number;
    quota: number;
    remaining: number;
    resetsAt: string;
  }[];
};

export const IDENTITY_OPERATIONS: Record<string, string> = {
  REQUEST_CODE,
  VERIFY_CODE,
  ME,
  LOGOUT,
  ISSUER_KEYS,
  TOKEN_QUOTA,
};

// ---------------------------------------------------------------- anonymous side
export type ContentStatus = 'Pending' | 'Published' | 'Deleted';
export type ReviewSort = 'Recent' | 'Rating' | 'Helpful';
export type ThreadSort = 'New' | 'Active' | 'Top';
export type EmploymentStatus = 'Current' | 'Former';
export type CeoApproval = 'Approve' | 'Disapprove' | 'NoOpinion';
export type BusinessOutlook = 'Positive' | 'Neutral' | 'Negative';
export type TenureBucket =
  'LessThanOneYear' | 'OneToThreeYears' | 'ThreeToFiveYears' | 'FiveToTenYears' | 'MoreThanTenYears';

export interface ReviewStats {
  aggregatesVisible: boolean;
  reviewCount: number;
  averageOverall: number | null;
  ratingDistribution: number[] | null;
  recommendPercent: number | null;
  ceoApprovalPercent: number | null;
  currentEmployeeCount: number | null;
  formerEmployeeCount: number | null;
  outlook: { positivePercent: number; neutralPercent: number; negativePercent: number } | null;
  subRatings: {
    culture: number;
    workLife: number;
    seniorManagement: number;
    compensation: number;
    career: number;
    diversity: number;
  } | null;
}

export interface Review {
  id: string;
  overall: number;
  culture: number;
  workLife: number;
  seniorManagement: number;
  compensation: number;
  career: number;
  diversity: number;
  ceoApproval: CeoApproval;
  recommend: boolean;
  outlook: BusinessOutlook;
  employment: EmploymentStatus;
  jobTitle: string | null;
  location: string | null;
  tenure: TenureBucket | null;
  pros: string;
  cons: string;
  advice: string | null;
  helpfulCount: number;
  createdAt: string;
  edited: boolean;
  revision: number;
}

export interface Board {
  slug: string;
  name: string;
  description: string;
}

export interface ThreadSummary {
  id: string;
  title: string;
  authorHandle: string;
  board: string | null;
  company: { slug: string; name: string };
  createdAt: string;
  lastActivityAt: string;
  replyCount: number;
  score: number;
}

export interface Reply {
  id: string;
  threadId: string;
  body: string;
  authorHandle: string;
  isOp: boolean;
  quotedReplyId: string | null;
  company: { slug: string; name: string };
  createdAt: string;
  edited: boolean;
  revision: number;
  score: number;
}

export interface Thread extends ThreadSummary {
  body: string;
  edited: boolean;
  revision: number;
  replies: Connection<Reply>;
}

const REVIEW_FIELDS_GQL = `id overall culture workLife seniorManagement compensation career diversity ceoApproval recommend
  outlook employment jobTitle location tenure pros cons advice helpfulCount createdAt edited revision`;

export const COMPANY_PAGE = /* GraphQL */ `
  query CompanyPage($slug: String!) {
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
      boardOpen
      verifiedMembers
      reviewStats {
        aggregatesVisible
        reviewCount
        averageOverall
        ratingDistribution
        recommendPercent
        ceoApprovalPercent
        currentEmployeeCount
        formerEmployeeCount
        outlook {
          positivePercent
          neutralPercent
          negativePercent
        }
        subRatings {
          culture
          workLife
          seniorManagement
          compensation
          career
          diversity
        }
      }
    }
    boards {
      slug
      name
      description
    }
  }
`;
export type CompanyPageResult = {
  company: Company & { reviewStats: ReviewStats; boardOpen: boolean; verifiedMembers: string };
  boards: Board[];
};

export const REVIEWS = /* GraphQL */ `
  query Reviews($companySlug: String!, $sort: ReviewSort!, $employment: EmploymentStatus, $first: Int!, $after: String) {
    reviews(companySlug: $companySlug, sort: $sort, employment: $employment, first: $first, after: $after) {
      edges { cursor node { ${REVIEW_FIELDS_GQL} } }
      pageInfo { endCursor hasNextPage }
    }
  }
`;
export type ReviewsResult = { reviews: Connection<Review> };

const THREAD_SUMMARY = `id title authorHandle board company { slug name } createdAt lastActivityAt replyCount score`;

export const THREADS = /* GraphQL */ `
  query Threads($companySlug: String, $board: String, $sort: ThreadSort!, $first: Int!, $after: String) {
    threads(companySlug: $companySlug, board: $board, sort: $sort, first: $first, after: $after) {
      edges { cursor node { ${THREAD_SUMMARY} } }
      pageInfo { endCursor hasNextPage }
    }
  }
`;
export type ThreadsResult = { threads: Connection<ThreadSummary> };

export const THREAD = /* GraphQL */ `
  query Thread($id: ID!, $first: Int!, $after: String) {
    thread(id: $id) {
      ${THREAD_SUMMARY} body edited revision
      replies(first: $first, after: $after) {
        edges { cursor node { id threadId body authorHandle isOp quotedReplyId company { slug name } createdAt edited revision score } }
        pageInfo { endCursor hasNextPage }
      }
    }
  }
`;
export type ThreadResult = { thread: Thread };

export const CREATE_THREAD = /* GraphQL */ `
  mutation CreateThread($input: CreateThreadInput!, $token: String) {
    createThread(input: $input, token: $token) {
      id
      status
    }
  }
`;
export const CREATE_REPLY = /* GraphQL */ `
  mutation CreateReply($input: CreateReplyInput!, $token: String) {
    createReply(input: $input, token: $token) {
      id
      status
    }
  }
`;
export const CREATE_REVIEW = /* GraphQL */ `
  mutation CreateReview($input: CreateReviewInput!, $token: String) {
    createReview(input: $input, token: $token) {
      id
      status
    }
  }
`;
export const EDIT_THREAD = /* GraphQL */ `
  mutation EditThread($input: EditThreadInput!) {
    editThread(input: $input) {
      id
      status
    }
  }
`;
export const EDIT_REPLY = /* GraphQL */ `
  mutation EditReply($input: EditReplyInput!) {
    editReply(input: $input) {
      id
      status
    }
  }
`;
export const DELETE_THREAD = /* GraphQL */ `
  mutation DeleteThread($input: DeleteContentInput!) {
    deleteThread(input: $input) {
      id
      status
    }
  }
`;
export const DELETE_REPLY = /* GraphQL */ `
  mutation DeleteReply($input: DeleteContentInput!) {
    deleteReply(input: $input) {
      id
      status
    }
  }
`;
export const DELETE_REVIEW = /* GraphQL */ `
  mutation DeleteReview($input: DeleteContentInput!) {
    deleteReview(input: $input) {
      id
      status
    }
  }
`;
export type WriteReceipt = { id: string; status: ContentStatus };

export const VOTE = /* GraphQL */ `
  mutation Vote($input: VoteInput!, $token: String) {
    vote(input: $input, token: $token) {
      targetId
      score
    }
  }
`;
export type VoteResult = { vote: { targetId: string; score: number } };

export const CONTENT_STATUS = /* GraphQL */ `
  query ContentStatus($id: ID!) {
    contentStatus(id: $id)
  }
`;
export type ContentStatusResult = { contentStatus: ContentStatus };

export const FORUM_OPERATIONS: Record<string, string> = {
  COMPANY_PAGE,
  REVIEWS,
  THREADS,
  THREAD,
  CREATE_THREAD,
  CREATE_REPLY,
  CREATE_REVIEW,
  EDIT_THREAD,
  EDIT_REPLY,
  DELETE_THREAD,
  DELETE_REPLY,
  DELETE_REVIEW,
  VOTE,
  CONTENT_STATUS,
};

// ---------------------------------------------------------------- moderation
export type ModeratedContentType = 'THREAD' | 'REPLY' | 'REVIEW';
export type ModerationReason =
  'SPAM' | 'HARASSMENT' | 'PERSONAL_INFORMATION' | 'HATE' | 'CONFIDENTIAL' | 'OFF_TOPIC' | 'OTHER';
export const MODERATION_REASONS: readonly ModerationReason[] = [
  'SPAM',
  'HARASSMENT',
  'PERSONAL_INFORMATION',
  'HATE',
  'CONFIDENTIAL',
  'OFF_TOPIC',
  'OTHER',
];
export type ModerationState = 'PUBLISHED' | 'HELD' | 'HIDDEN' | 'REMOVED' | 'REJECTED';

export interface ModerationItem {
  id: string;
  contentType: ModeratedContentType;
  contentId: string;
  boardSlug: string | null;
  state: ModerationState;
  queueReason: 'HELD' | 'FLAGGED' | 'APPEALED' | null;
  queuedAt: string | null;
  text: string | null;
  screeningHits: { rule: string; action: string; count: number }[];
  flagCounts: { reason: ModerationReason; count: number }[];
  removalReason: ModerationReason | null;
  appealStatement: string | null;
  version: number;
}

const ITEM_FIELDS = `id contentType contentId boardSlug state queueReason queuedAt text
  screeningHits { rule action count } flagCounts { reason count } removalReason appealStatement version`;

export const MODERATION_QUEUE = /* GraphQL */ `
  query ModerationQueue($first: Int!, $after: String) {
    moderationQueue(first: $first, after: $after) {
      edges { cursor node { ${ITEM_FIELDS} } }
      pageInfo { endCursor hasNextPage }
    }
  }
`;
export type ModerationQueueResult = { moderationQueue: Connection<ModerationItem> };

export const MODERATE = /* GraphQL */ `
  mutation Moderate($input: ModerateInput!) {
    moderate(input: $input) { ${ITEM_FIELDS} }
  }
`;
export type ModerateResult = { moderate: ModerationItem };

export const MODERATION_LOG = /* GraphQL */ `
  query ModerationLog($companySlug: String!, $period: ModerationLogPeriod!) {
    moderationLog(companySlug: $companySlug, period: $period) {
      periodStart
      reason
      removals
    }
  }
`;
export type ModerationLogResult = {
  moderationLog: { periodStart: string; reason: ModerationReason; removals: number }[];
};

export interface ContentModerationStatus {
  state: ModerationState | null;
  rejectReason: string | null;
  rejectMessage: string | null;
  removalReason: ModerationReason | null;
  appealed: boolean;
  canAppeal: boolean;
}
const STATUS_FIELDS = 'state rejectReason rejectMessage removalReason appealed canAppeal';

export const CONTENT_MODERATION_STATUS = /* GraphQL */ `
  query ContentModerationStatus($contentType: ModeratedContentType!, $contentId: ID!, $issuedAt: Int!, $signature: String!) {
    contentModerationStatus(contentType: $contentType, contentId: $contentId, issuedAt: $issuedAt, signature: $signature) {
      ${STATUS_FIELDS}
    }
  }
`;
export type ContentModerationStatusResult = { contentModerationStatus: ContentModerationStatus };

export const APPEAL_REMOVAL = /* GraphQL */ `
  mutation AppealRemoval($input: AppealRemovalInput!) {
    appealRemoval(input: $input) { ${STATUS_FIELDS} }
  }
`;
export type AppealRemovalResult = { appealRemoval: ContentModerationStatus };

export const FLAG_CONTENT = /* GraphQL */ `
  mutation FlagContent($input: FlagContentInput!, $token: String) {
    flagContent(input: $input, token: $token)
  }
`;
export type FlagContentResult = { flagContent: boolean };

export const MODERATION_OPERATIONS: Record<string, string> = {
  FLAG_CONTENT,
  MODERATION_QUEUE,
  MODERATE,
  MODERATION_LOG,
  CONTENT_MODERATION_STATUS,
  APPEAL_REMOVAL,
};

/** Documents whose API has landed on main, for the schema validation test. */
export const ALL_OPERATIONS: Record<string, string> = {
  COMPANIES,
  COMPANY,
  ...FORUM_OPERATIONS,
  ...IDENTITY_OPERATIONS,
  ...MODERATION_OPERATIONS,
};
