/** Hand-written fakes for the client core's specs: a recording fetch and an in-memory store. */
import type { AuthorKeyring } from './key-export.js';
import type {
  ArcMark,
  ClientStore,
  KeyCheck,
  MyPost,
  PendingRequest,
  StoredArcCredential,
  StoredToken,
  ThreadKey,
  TokenKind,
} from './storage.js';
import { Transport, type TransportOptions } from './transport.js';
import type { ReviewDraft } from './write-flows.js';

export interface SentRequest {
  url: string;
  init: RequestInit;
  headers: Record<string, string>;
  body: { query: string; variables: Record<string, unknown> } | null;
}

/** A fetch that records every request and answers with `respond` (GraphQL data by default); `opts` add to the transport's. */
export function recordingTransport(
  respond: (req: SentRequest) => unknown = () => ({ data: {} }),
  opts: TransportOptions = {},
): {
  transport: Transport;
  sent: SentRequest[];
} {
  const sent: SentRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const req: SentRequest = {
      url: String(input),
      init,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
    };
    sent.push(req);
    const answer = respond(req);
    if (answer instanceof Response) return answer;
    return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
  };
  return {
    transport: new Transport({ baseUrl: 'https://api.test', fetch, anonymousDelayMs: () => 0, ...opts }),
    sent,
  };
}

export class MemoryStore implements ClientStore, AuthorKeyring {
  tokens: StoredToken[] = [];
  keyChecks: KeyCheck[] = [];
  threadKeys = new Map<string, ThreadKey>();
  posts = new Map<string, MyPost>();
  credentials: StoredArcCredential[] = [];
  marks = new Map<string, ArcMark>();

  async addTokens(tokens: StoredToken[]): Promise<void> {
    this.tokens.push(...tokens);
  }
  pending = new Map<string, PendingRequest>();
  async putPendingRequest(pending: PendingRequest): Promise<void> {
    this.pending.set(pending.id, pending);
  }
  async listPendingRequests(): Promise<PendingRequest[]> {
    return [...this.pending.values()];
  }
  async finishIssuance(id: string, tokens: StoredToken[]): Promise<void> {
    if (this.pending.delete(id)) this.tokens.push(...tokens);
  }
  async removePendingRequest(id: string): Promise<void> {
    this.pending.delete(id);
  }
  async takeToken(
    company: string,
    kind: TokenKind,
    choose: (tokens: readonly StoredToken[]) => StoredToken | undefined,
  ): Promise<StoredToken | undefined> {
    const chosen = choose(this.tokens.filter((t) => t.company === company && t.kind === kind));
    if (chosen) this.tokens.splice(this.tokens.indexOf(chosen), 1);
    return chosen;
  }
  async returnToken(token: StoredToken): Promise<void> {
    this.tokens.unshift(token);
  }
  async listTokens(): Promise<StoredToken[]> {
    return [...this.tokens];
  }
  async putKeyCheck(check: KeyCheck): Promise<void> {
    this.keyChecks.push(check);
  }
  refills = new Map<string, string>();
  async getNextRefill(company: string): Promise<string | undefined> {
    return this.refills.get(company);
  }
  async putNextRefill(company: string, at: string): Promise<void> {
    this.refills.set(company, at);
  }
  async getThreadKey(threadId: string): Promise<ThreadKey | undefined> {
    return this.threadKeys.get(threadId);
  }
  async putThreadKey(key: ThreadKey): Promise<void> {
    this.threadKeys.set(key.threadId, key);
  }
  async putPost(post: MyPost): Promise<void> {
    this.posts.set(post.id, post);
  }
  async removePost(id: string): Promise<void> {
    this.posts.delete(id);
  }
  async listThreadKeys(): Promise<ThreadKey[]> {
    return [...this.threadKeys.values()];
  }
  async listPosts(): Promise<MyPost[]> {
    return [...this.posts.values()];
  }
  async putArcCredential(credential: StoredArcCredential): Promise<void> {
    this.credentials = [...this.credentials.filter((c) => c.keyId !== credential.keyId), credential];
  }
  async listArcCredentials(company: string): Promise<StoredArcCredential[]> {
    return this.credentials.filter((c) => c.company === company);
  }
  async putArcMark(mark: ArcMark): Promise<void> {
    this.marks.set(mark.key, mark);
  }
  async getArcMark(key: string): Promise<ArcMark | undefined> {
    return this.marks.get(key);
  }
}

export function token(company: string, kind: TokenKind, value = `tok-${company}-${kind}`): StoredToken {
  return { token: value, company, kind, epoch: 1, keyId: 'key' };
}

/** A complete review draft. */
export const REVIEW: ReviewDraft = {
  overall: 4,
  culture: 4,
  workLife: 3,
  seniorManagement: 3,
  compensation: 4,
  career: 3,
  diversity: 4,
  ceoApproval: 'Approve',
  recommend: true,
  outlook: 'Positive',
  employment: 'Current',
  jobTitle: null,
  location: null,
  tenure: null,
  pros: 'Good people.',
  cons: 'Long meetings.',
  advice: null,
};
