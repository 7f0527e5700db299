/**
 * Anonymous writes, the same for the web app and the CLI: check the draft, make
 * or reuse the author key (privacy rule 10), sign the canonical message
 * (libs/authorship), pay with a token of the author's company, send on the
 * anonymous path (no session, random delay), and remember the post and its key
 * in the injected store.
 *
 * Drafts are checked before a token is taken, so a draft the server would
 * refuse anyway costs nothing and fails with the same error code. The checks
 * are the server's raw-input fences (apps/api forum inputs), not its text
 * cleaning, which stays on the server.
 */
import { base64urlDecode } from '@unlinked/privacy-pass';
import type { SignedOperation } from '@unlinked/authorship';
import { b64u, newAuthorKey, reviewFields, salaryFields, sign } from './authorship.js';
import { ApiError } from './errors.js';
import {
  CreateInterviewDocument,
  CreateReplyDocument,
  CreateReviewDocument,
  CreateSalaryReportDocument,
  DeleteSalaryReportDocument,
  CreateThreadDocument,
  DeleteInterviewDocument,
  DeleteReplyDocument,
  DeleteReviewDocument,
  DeleteThreadDocument,
  EditReplyDocument,
  EditReviewDocument,
  EditThreadDocument,
  FlagContentDocument,
  VoteDocument,
  type BusinessOutlook,
  type CeoApproval,
  type EmploymentStatus,
  type ModerationReason,
  type TenureBucket,
  type VoteMutation,
  type VoteTarget,
  type VoteValue,
} from './operations/generated.js';
import type { FlaggableType, WriteReceipt } from './operations/index.js';
import type { ClientStore, MyPost, TokenKind } from './storage.js';
import { transport as defaultTransport, type Operation, type Transport } from './transport.js';
import { arcItemSubject, type ArcItemType } from '@unlinked/arc';
import { arcPeriods, interviewMarkKey, itemMarkKey, reviewMarkKey, salaryMarkKey, withArc } from './arc-credentials.js';
import { interviewFields, validateInterview, type InterviewDraft } from './interviews.js';
import { validateSalaryAmounts, type SalaryDraft } from './salaries.js';
import type { Random } from './schedule.js';
import { withToken } from './wallet.js';

/** Raw-size fences of the API's inputs (apps/api forum inputs): longer input is refused unread. */
export const LIMITS = { slug: 100, title: 1_000, body: 20_000, short: 500 } as const;
/** The server's limits after cleaning (libs/forum text/clean-text.ts), which users are told about. */
export const TEXT_MAX: Readonly<Record<number, number>> = {
  [LIMITS.title]: 200,
  [LIMITS.body]: 10_000,
  [LIMITS.short]: 100,
};

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RATINGS = ['overall', 'culture', 'workLife', 'seniorManagement', 'compensation', 'career', 'diversity'] as const;

export interface ThreadDraft {
  company: string;
  board: string | null;
  title: string;
  body: string;
}

export interface ReplyDraft {
  company: string;
  threadId: string;
  body: string;
  quotedReplyId?: string | null;
  /** Kept with the post locally, for the author's own list. */
  threadTitle?: string;
}

export interface ReviewDraft {
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
}

export interface VoteDraft {
  company: string;
  targetType: VoteTarget;
  targetId: string;
  value: VoteValue;
  /** The item's arcPeriod: the credential of that period pays. */
  period: number;
}

export interface FlagDraft {
  company: string;
  contentType: FlaggableType;
  contentId: string;
  reason: ModerationReason;
  note?: string | null;
  /** The item's arcPeriod. */
  period: number;
}

const ITEM_TYPES: Record<VoteTarget | FlaggableType, ArcItemType> = {
  Thread: 'thread',
  Reply: 'reply',
  Review: 'review',
  THREAD: 'thread',
  REPLY: 'reply',
  REVIEW: 'review',
  INTERVIEW: 'interview',
};

/** What a vote or flag presents: the item's context under the credential of its period, and the mark to keep. */
function itemArc(
  action: 'vote' | 'flag',
  company: string,
  type: ArcItemType,
  id: string,
  period: number,
  value: string,
): Parameters<typeof withArc>[1] {
  return { company, period, action, subject: arcItemSubject(type, id), mark: itemMarkKey(action, type, id), value };
}

function invalid(message: string): ApiError {
  return new ApiError('BAD_USER_INPUT', message);
}

export function checkSlug(value: string, field: string): void {
  if (value.length > LIMITS.slug || !SLUG.test(value)) throw invalid(`${field}: not a valid slug`);
}

export function checkId(value: string, field: string): void {
  if (!UUID.test(value)) throw invalid(`${field}: not a valid id`);
}

/** A required text: something besides white space, within the raw-size fence. */
export function checkText(value: string, field: string, max: number): void {
  if (value.trim() === '') throw new ApiError('TEXT_EMPTY', field, { field });
  checkOptionalText(value, field, max);
}

/** Past the raw-size fence the text cannot fit the server's limit either: say that limit, as the server would. */
function checkOptionalText(value: string | null, field: string, max: number): void {
  if (value !== null && value.length > max) {
    const limit = TEXT_MAX[max] ?? max;
    throw new ApiError('TEXT_TOO_LONG', `${field}: at most ${limit} characters`, { field, max: limit });
  }
}

export function validateThread(draft: ThreadDraft): void {
  checkSlug(draft.company, 'company');
  if (draft.board !== null) checkSlug(draft.board, 'board');
  checkText(draft.title, 'title', LIMITS.title);
  checkText(draft.body, 'body', LIMITS.body);
}

export function validateReply(draft: ReplyDraft): void {
  checkSlug(draft.company, 'company');
  checkId(draft.threadId, 'threadId');
  if (draft.quotedReplyId) checkId(draft.quotedReplyId, 'quotedReplyId');
  checkText(draft.body, 'body', LIMITS.body);
}

export function validateReview(company: string, draft: ReviewDraft): void {
  checkSlug(company, 'company');
  for (const field of RATINGS) {
    const v = draft[field];
    if (!Number.isInteger(v) || v < 1 || v > 5) throw invalid(`${field}: a whole number from 1 to 5`);
  }
  checkText(draft.pros, 'pros', LIMITS.body);
  checkText(draft.cons, 'cons', LIMITS.body);
  checkOptionalText(draft.advice, 'advice', LIMITS.body);
  checkOptionalText(draft.jobTitle, 'jobTitle', LIMITS.short);
  checkOptionalText(draft.location, 'location', LIMITS.short);
}

/** How a review shows in one's own list, and the fields to edit it from. */
function reviewSummary(review: ReviewDraft): Pick<MyPost, 'title' | 'body' | 'review'> {
  return { title: review.pros.slice(0, 60), body: `${review.pros}\n\n${review.cons}`, review: { ...review } };
}

/** Keys are stored as unpadded base64url (b64u); the decoder wants padding. */
export function decodeKey(k: string): Uint8Array {
  return base64urlDecode(k.length % 4 ? k + '='.repeat(4 - (k.length % 4)) : k);
}

export interface WriteFlowOptions {
  store: ClientStore;
  /** Defaults to the process-wide transport. */
  transport?: Transport;
  /** Runs after every attempt to spend a token (the web app recounts its wallet). */
  afterSpend?: () => void | Promise<void>;
  /** The clock that decides which tokens are mature (schedule.ts), and when own posts were written. */
  now?: () => Date;
  /** Picks among mature tokens (schedule.ts chooseToken); defaults to the platform's CSPRNG. */
  random?: Random;
}

const DELETE: Record<MyPost['kind'], SignedOperation> = {
  thread: 'delete-thread',
  reply: 'delete-reply',
  review: 'delete-review',
  salary: 'delete-salary',
  interview: 'delete-interview',
};

export class WriteFlows {
  private readonly store: ClientStore;
  private readonly opts: WriteFlowOptions;

  constructor(opts: WriteFlowOptions) {
    this.store = opts.store;
    this.opts = opts;
  }

  private get http(): Transport {
    return this.opts.transport ?? defaultTransport();
  }

  private now(): string {
    return (this.opts.now?.() ?? new Date()).toISOString();
  }

  /** Pays with one token of `company`'s `kind` (put back if the server did not take it). */
  private async spend<R, V extends { token?: string | null }>(
    kind: TokenKind,
    company: string,
    doc: Operation<R, V>,
    variables: Omit<V, 'token'>,
  ): Promise<R> {
    try {
      return await withToken(
        this.store,
        company,
        kind,
        (token) => this.http.anonymous(doc, { ...variables, token } as V),
        { now: this.opts.now?.(), random: this.opts.random },
      );
    } finally {
      await this.opts.afterSpend?.();
    }
  }

  async createThread(draft: ThreadDraft): Promise<WriteReceipt> {
    validateThread(draft);
    const { company, board, title, body } = draft;
    const key = newAuthorKey();
    const signature = sign(key.secretKey, 'create-thread', [company, board ?? '', title, body]);
    const { createThread: receipt } = await this.spend('post', company, CreateThreadDocument, {
      input: { companySlug: company, board, title, body, authorKey: b64u(key.publicKey), signature },
    });
    await this.store.putThreadKey({
      threadId: receipt.id,
      secretKey: b64u(key.secretKey),
      publicKey: b64u(key.publicKey),
    });
    await this.store.putPost({
      id: receipt.id,
      kind: 'thread',
      company,
      threadId: receipt.id,
      title,
      body,
      secretKey: b64u(key.secretKey),
      revision: 0,
      createdAt: this.now(),
    });
    return receipt;
  }

  /** Replies with the thread's key if this client started the thread (OP badge), else with this client's key for that thread. */
  async createReply(draft: ReplyDraft): Promise<WriteReceipt> {
    validateReply(draft);
    const { company, threadId, body } = draft;
    const quotedReplyId = draft.quotedReplyId ?? null;
    let k = await this.store.getThreadKey(threadId);
    if (!k) {
      const fresh = newAuthorKey();
      k = { threadId, secretKey: b64u(fresh.secretKey), publicKey: b64u(fresh.publicKey) };
      await this.store.putThreadKey(k);
    }
    const signature = sign(decodeKey(k.secretKey), 'create-reply', [threadId, quotedReplyId ?? '', body]);
    const { createReply: receipt } = await this.spend('post', company, CreateReplyDocument, {
      input: { companySlug: company, threadId, quotedReplyId, body, authorKey: k.publicKey, signature },
    });
    await this.store.putPost({
      id: receipt.id,
      kind: 'reply',
      company,
      threadId,
      title: draft.threadTitle,
      body,
      secretKey: k.secretKey,
      revision: 0,
      createdAt: this.now(),
    });
    return receipt;
  }

  /** Pays with a fresh ARC presentation (see arc-credentials.ts); records the mark. */
  private async present<R, V extends { token?: string | null }>(
    arc: Parameters<typeof withArc>[1],
    doc: Operation<R, V>,
    variables: Omit<V, 'token'>,
  ): Promise<R> {
    return withArc(
      this.store,
      arc,
      (token) => this.http.anonymous(doc, { ...variables, token } as V),
      this.opts.now?.(),
    );
  }

  /** One review per company per period, under the current period's credential. */
  async createReview(company: string, review: ReviewDraft): Promise<WriteReceipt> {
    validateReview(company, review);
    const { current } = await arcPeriods(this.http);
    const credential = (await this.store.listArcCredentials(company)).find((c) => c.period === current);
    if (!credential) throw new ApiError('NO_CREDENTIAL', `no credential of period ${current}`);
    const key = newAuthorKey();
    const signature = sign(key.secretKey, 'create-review', [company, ...reviewFields(review)]);
    const arc = {
      company,
      period: current,
      action: 'review' as const,
      subject: credential.companyId,
      mark: reviewMarkKey(credential.companyId, current),
    };
    const { createReview: receipt } = await this.present(arc, CreateReviewDocument, {
      input: { companySlug: company, ...review, authorKey: b64u(key.publicKey), signature },
    });
    await this.store.putPost({
      id: receipt.id,
      kind: 'review',
      company,
      ...reviewSummary(review),
      secretKey: b64u(key.secretKey),
      revision: 0,
      createdAt: this.now(),
    });
    return receipt;
  }

  /**
   * One salary report per company per period, under the current period's
   * credential. Its key is kept with the title, level and city (never the
   * amounts) so its author can follow its screening and withdraw it; a report
   * has no edit.
   */
  async createSalaryReport(company: string, draft: SalaryDraft): Promise<WriteReceipt> {
    checkSlug(company, 'company');
    checkText(draft.jobTitle, 'jobTitle', LIMITS.short);
    checkOptionalText(draft.level, 'level', LIMITS.short);
    checkText(draft.city, 'city', LIMITS.short);
    validateSalaryAmounts(draft);
    const { current } = await arcPeriods(this.http);
    const credential = (await this.store.listArcCredentials(company)).find((c) => c.period === current);
    if (!credential) throw new ApiError('NO_CREDENTIAL', `no credential of period ${current}`);
    const key = newAuthorKey();
    const signature = sign(key.secretKey, 'create-salary', [company, ...salaryFields(draft)]);
    const arc = {
      company,
      period: current,
      action: 'salary' as const,
      subject: credential.companyId,
      mark: salaryMarkKey(credential.companyId, current),
    };
    const { createSalaryReport: receipt } = await this.present(arc, CreateSalaryReportDocument, {
      input: { companySlug: company, ...draft, authorKey: b64u(key.publicKey), signature },
    });
    await this.store.putPost({
      id: receipt.id,
      kind: 'salary',
      company,
      title: draft.jobTitle,
      body: [draft.jobTitle, draft.level, draft.city, draft.currency].filter(Boolean).join(' · '),
      secretKey: b64u(key.secretKey),
      revision: 0,
      createdAt: this.now(),
    });
    return receipt;
  }

  /**
   * An interview review of `target` (any company), paid with the current
   * period's credential of `candidateCompany`, this account's own company, in
   * the context interview:<target id>: one per target company per period.
   */
  async createInterview(
    target: { id: string; slug: string },
    candidateCompany: string,
    draft: InterviewDraft,
  ): Promise<WriteReceipt> {
    validateInterview(draft);
    const { current } = await arcPeriods(this.http);
    const key = newAuthorKey();
    const signature = sign(key.secretKey, 'create-interview', interviewFields(target.slug, candidateCompany, draft));
    const arc = {
      company: candidateCompany,
      period: current,
      action: 'interview' as const,
      subject: target.id,
      mark: interviewMarkKey(target.id, current),
    };
    const { createInterview: receipt } = await this.present(arc, CreateInterviewDocument, {
      input: {
        companySlug: target.slug,
        candidateCompanySlug: candidateCompany,
        ...draft,
        authorKey: b64u(key.publicKey),
        signature,
      },
    });
    await this.store.putPost({
      id: receipt.id,
      kind: 'interview',
      company: target.slug,
      title: draft.jobTitle,
      body: draft.stages,
      secretKey: b64u(key.secretKey),
      revision: 0,
      createdAt: this.now(),
    });
    return receipt;
  }

  /** Replaces every field of one's own review (no token: the review's key proves authorship). */
  async editReview(post: MyPost, review: ReviewDraft): Promise<WriteReceipt> {
    validateReview(post.company, review);
    const signature = sign(decodeKey(post.secretKey), 'edit-review', [post.id, post.revision, ...reviewFields(review)]);
    const { editReview: receipt } = await this.http.anonymous(EditReviewDocument, {
      input: { id: post.id, revision: post.revision, ...review, signature },
    });
    await this.store.putPost({ ...post, ...reviewSummary(review), revision: post.revision + 1 });
    return receipt;
  }

  async vote(draft: VoteDraft): Promise<VoteMutation['vote']> {
    checkSlug(draft.company, 'company');
    checkId(draft.targetId, 'targetId');
    const arc = itemArc('vote', draft.company, ITEM_TYPES[draft.targetType], draft.targetId, draft.period, draft.value);
    const { vote } = await this.present(arc, VoteDocument, {
      input: { companySlug: draft.company, targetType: draft.targetType, targetId: draft.targetId, value: draft.value },
    });
    return vote;
  }

  async flag(draft: FlagDraft): Promise<boolean> {
    checkSlug(draft.company, 'company');
    checkId(draft.contentId, 'contentId');
    const arc = itemArc(
      'flag',
      draft.company,
      ITEM_TYPES[draft.contentType],
      draft.contentId,
      draft.period,
      draft.reason,
    );
    const { flagContent } = await this.present(arc, FlagContentDocument, {
      input: {
        companySlug: draft.company,
        contentType: draft.contentType,
        contentId: draft.contentId,
        reason: draft.reason,
        note: draft.note ?? null,
      },
    });
    return flagContent;
  }

  /** Edits need no token: the author key proves authorship. Still sent on the anonymous path. */
  async editPost(post: MyPost, title: string | undefined, body: string): Promise<WriteReceipt> {
    checkText(body, 'body', LIMITS.body);
    const sk = decodeKey(post.secretKey);
    let receipt: WriteReceipt;
    if (post.kind === 'thread') {
      const newTitle = title ?? '';
      checkText(newTitle, 'title', LIMITS.title);
      const signature = sign(sk, 'edit-thread', [post.id, post.revision, newTitle, body]);
      receipt = (
        await this.http.anonymous(EditThreadDocument, {
          input: { id: post.id, revision: post.revision, title: newTitle, body, signature },
        })
      ).editThread;
    } else if (post.kind === 'reply') {
      const signature = sign(sk, 'edit-reply', [post.id, post.revision, body]);
      receipt = (
        await this.http.anonymous(EditReplyDocument, {
          input: { id: post.id, revision: post.revision, body, signature },
        })
      ).editReply;
    } else {
      throw new ApiError('BAD_USER_INPUT', `a ${post.kind} is not edited here`);
    }
    await this.store.putPost({ ...post, title: title ?? post.title, body, revision: post.revision + 1 });
    return receipt;
  }

  async deletePost(post: MyPost): Promise<WriteReceipt> {
    const signature = sign(decodeKey(post.secretKey), DELETE[post.kind], [post.id]);
    const input = { input: { id: post.id, signature } };
    const receipt =
      post.kind === 'thread'
        ? (await this.http.anonymous(DeleteThreadDocument, input)).deleteThread
        : post.kind === 'reply'
          ? (await this.http.anonymous(DeleteReplyDocument, input)).deleteReply
          : post.kind === 'salary'
            ? (await this.http.anonymous(DeleteSalaryReportDocument, input)).deleteSalaryReport
            : post.kind === 'interview'
              ? (await this.http.anonymous(DeleteInterviewDocument, input)).deleteInterview
              : (await this.http.anonymous(DeleteReviewDocument, input)).deleteReview;
    await this.store.removePost(post.id);
    return receipt;
  }
}
