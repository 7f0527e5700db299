/**
 * What the client core keeps, and the storage it is given. The core never
 * chooses where secrets live: the web app passes its IndexedDB store, the CLI
 * its 0600 wallet file (privacy rule 10: secrets stay with the author).
 */
import type { AccountFieldsFragment } from './operations/generated.js';
import type { ReviewDraft } from './write-flows.js';

/**
 * Token kinds as HTTP paths and storage spell them (GraphQL: Post). Threads and
 * replies are paid with RFC 9578 tokens; votes, flags and reviews with ARC
 * presentations (arc-credentials.ts).
 */
export type TokenKind = 'post';

export const TOKEN_KINDS: readonly TokenKind[] = ['post'];

export interface StoredToken {
  /** base64url of the serialized Token (RFC 9577 §2.2). */
  token: string;
  company: string;
  kind: TokenKind;
  epoch: number;
  /** base64url token_key_id. */
  keyId: string;
  /**
   * When the token may be spent (ISO time; schedule.ts): one random moment per fill, so issuance and spending
   * are apart in time. Absent on tokens kept before maturity existed: spendable.
   */
  matureAt?: string;
}

export interface KeyCheck {
  company: string;
  kind: TokenKind;
  ok: boolean;
  keyId: string;
  checkedAt: string;
}

/**
 * A token request about to be sent, or sent and not yet answered (issue 13: a reload mid-fill lost its batch). Kept
 * before sending; a later start sends it again with the same Idempotency-Key, and the issuer answers it again without
 * charging the quota twice (pending-issuance.ts). Secret like the tokens: it holds the blinds.
 */
export interface PendingIssuance {
  /** The Idempotency-Key: base64url of 128 random bits. */
  id: string;
  company: string;
  kind: TokenKind;
  epoch: number;
  /** base64url token_key_id of the key checked against the public directory before the request was made. */
  keyId: string;
  /** The maturity moment of the fill it belongs to. */
  matureAt: string;
  /** base64url of the BatchedTokenRequest, sent again as is. */
  request: string;
  /** The blinding state (BatchedTokenRequestState), every byte string base64url. */
  state: {
    publicKey: string;
    items: Record<'nonce' | 'challengeDigest' | 'tokenKeyId' | 'tokenInput' | 'blind' | 'blindedElement', string>[];
  };
}

/**
 * An ARC credential request kept the same way (issue 13): one credential per account and period key, so a lost
 * answer cost the votes, flags and reviews of a whole period. Secret: it holds the client's credential secrets.
 */
export interface PendingArcRequest extends Omit<StoredArcCredential, 'credential' | 'matureAt'> {
  /** The Idempotency-Key: base64url of 128 random bits. */
  id: string;
  arc: true;
  matureAt: string;
  /** base64url of the ArcCredentialRequestMessage, sent again as is. */
  request: string;
  /** The client secrets of the request (ClientSecrets), hexadecimal. */
  secrets: Record<'m1' | 'm2' | 'r1' | 'r2', string>;
}

/** A kept request of either kind. */
export type PendingRequest = PendingIssuance | PendingArcRequest;

export interface WalletStore {
  addTokens(tokens: StoredToken[]): Promise<void>;
  /** Keeps a token or credential request before it is sent (PendingRequest). */
  putPendingRequest(pending: PendingRequest): Promise<void>;
  listPendingRequests(): Promise<PendingRequest[]>;
  /**
   * Keeps the tokens of an answered request and forgets the request, in one step: with a stop between the two, the
   * next start would send it again and keep its tokens twice.
   */
  finishIssuance(id: string, tokens: StoredToken[]): Promise<void>;
  /** Forgets a request the issuer will not answer again (its key reused, expired, or refused for good). */
  removePendingRequest(id: string): Promise<void>;
  /**
   * Removes and returns the token `choose` picks among the tokens of (company, kind), in one step (the core
   * chooses: schedule.ts chooseToken, a random mature one); undefined when it picks none.
   */
  takeToken(
    company: string,
    kind: TokenKind,
    choose: (tokens: readonly StoredToken[]) => StoredToken | undefined,
  ): Promise<StoredToken | undefined>;
  /** Puts a token back (the write it was meant for failed before reaching the server). */
  returnToken(token: StoredToken): Promise<void>;
  listTokens(): Promise<StoredToken[]>;
  putKeyCheck(check: KeyCheck): Promise<void>;
  /** When this client refills from `company`'s issuer next (ISO time; undefined before its first fill). */
  getNextRefill(company: string): Promise<string | undefined>;
  putNextRefill(company: string, at: string): Promise<void>;
}

export type MyPostKind = 'thread' | 'reply' | 'review' | 'salary' | 'interview';

/** One of the author's own posts, with the key that proves authorship. */
export interface MyPost {
  id: string;
  kind: MyPostKind;
  /** The company whose token paid for it. */
  company: string;
  /** Thread id for replies (and the thread itself). */
  threadId?: string;
  title?: string;
  body: string;
  /** base64url Ed25519 secret key of this thread/review (threads and replies in one thread share it). */
  secretKey: string;
  revision: number;
  createdAt: string;
  /** A review's fields as last sent, so its author can edit it (kept in this browser only). */
  review?: ReviewDraft;
}

/** The author key used in one thread (the OP's thread key, or this client's replying key there). */
export interface ThreadKey {
  threadId: string;
  secretKey: string;
  publicKey: string;
}

export interface AuthorStore {
  getThreadKey(threadId: string): Promise<ThreadKey | undefined>;
  putThreadKey(key: ThreadKey): Promise<void>;
  /** Adds or replaces (same id) one of the author's posts. */
  putPost(post: MyPost): Promise<void>;
  removePost(id: string): Promise<void>;
}

/** One ARC credential of the account's company for one period key (issue 11). */
export interface StoredArcCredential {
  company: string;
  companyId: string;
  period: number;
  /** base64url issuer_key_id (SHA-256 of the public key). */
  keyId: string;
  /** base64url ServerPublicKey, as in the issuer directory. */
  publicKey: string;
  /** host[:port] of the directory's issuer-request-uri: the challenge's issuer_name. */
  issuerName: string;
  /** base64url Credential (secret: it lets its holder act once in every context). */
  credential: string;
  /** When it may first be presented (ISO time, as StoredToken.matureAt); absent: kept before maturity existed. */
  matureAt?: string;
}

/** Something this client did once in an ARC context (a vote and its direction, a flag, a review). */
export interface ArcMark {
  /** "<action>:<subject>" (reviews: "review:<company id>@<period>"). */
  key: string;
  /** A vote's direction when this client cast it; undefined when the server said it was already done. */
  value?: string;
  at: string;
}

export interface ArcStore {
  /** Adds or replaces (same key id) a credential. */
  putArcCredential(credential: StoredArcCredential): Promise<void>;
  listArcCredentials(company: string): Promise<StoredArcCredential[]>;
  putArcMark(mark: ArcMark): Promise<void>;
  getArcMark(key: string): Promise<ArcMark | undefined>;
}

/** Everything the write flows need: tokens and credentials to pay with and a place for author keys and own posts. */
export type ClientStore = WalletStore & AuthorStore & ArcStore;

/** A verified session as clients keep it (identity side: never sent on an anonymous write). */
export interface StoredSession {
  token: string;
  expiresAt: string;
  account: AccountFieldsFragment;
}
