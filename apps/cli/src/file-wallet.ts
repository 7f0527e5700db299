import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  ArcMark,
  AuthorKeyring,
  ClientStore,
  KeyCheck,
  MyPost,
  PendingRequest,
  StoredArcCredential,
  StoredSession,
  StoredToken,
  ThreadKey,
  TokenKind,
} from '@unlinked/client';

/** Posts written before the CLI kept their text have no body. */
export type CliPost = Omit<MyPost, 'body'> & { body?: string };

export interface WalletFile {
  version: 1;
  session: StoredSession | null;
  tokens: StoredToken[];
  keyChecks: KeyCheck[];
  threadKeys: Record<string, { secretKey: string; publicKey: string }>;
  posts: CliPost[];
  /** ARC credentials (votes, flags, reviews), one per period key of the account's company. */
  arcCredentials: StoredArcCredential[];
  /** What this wallet voted, flagged or reviewed (never asked of the server). */
  arcMarks: ArcMark[];
  /** Next planned refill per company (ISO time). */
  nextRefill: Record<string, string>;
  /** Token requests kept before sending and not yet answered: finished at the next fill (issue 13). */
  pendingIssuances: PendingRequest[];
}

const EMPTY: WalletFile = {
  version: 1,
  session: null,
  tokens: [],
  keyChecks: [],
  threadKeys: {},
  posts: [],
  arcCredentials: [],
  arcMarks: [],
  nextRefill: {},
  pendingIssuances: [],
};

/**
 * The CLI's wallet: one JSON file readable and writable by its owner only
 * (0600, directory 0700). It holds bearer secrets (session, tokens, author
 * keys, ARC credentials), so every write goes to a 0600 temp file renamed over the old one, and
 * a wallet that other users can read is refused.
 */
export class FileWallet implements ClientStore, AuthorKeyring {
  data: WalletFile;

  constructor(readonly path: string) {
    if (existsSync(path)) {
      const mode = statSync(path).mode & 0o777;
      if (mode & 0o077) {
        throw new Error(`${path} is readable by others (mode ${mode.toString(8)}); run: chmod 600 ${path}`);
      }
      this.data = { ...EMPTY, ...(JSON.parse(readFileSync(path, 'utf8')) as WalletFile) };
    } else {
      this.data = structuredClone(EMPTY);
    }
  }

  save(): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 2), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }

  async addTokens(tokens: StoredToken[]): Promise<void> {
    this.data.tokens.push(...tokens);
    this.save();
  }

  async putPendingRequest(pending: PendingRequest): Promise<void> {
    this.data.pendingIssuances = [...this.data.pendingIssuances.filter((p) => p.id !== pending.id), pending];
    this.save();
  }

  async listPendingRequests(): Promise<PendingRequest[]> {
    return [...this.data.pendingIssuances];
  }

  /** One write of the file: the tokens in, the request out (a request already finished adds nothing). */
  async finishIssuance(id: string, tokens: StoredToken[]): Promise<void> {
    if (!this.data.pendingIssuances.some((p) => p.id === id)) return;
    this.data.pendingIssuances = this.data.pendingIssuances.filter((p) => p.id !== id);
    this.data.tokens.push(...tokens);
    this.save();
  }

  async removePendingRequest(id: string): Promise<void> {
    this.data.pendingIssuances = this.data.pendingIssuances.filter((p) => p.id !== id);
    this.save();
  }

  async takeToken(
    company: string,
    kind: TokenKind,
    choose: (tokens: readonly StoredToken[]) => StoredToken | undefined,
  ): Promise<StoredToken | undefined> {
    const chosen = choose(this.data.tokens.filter((t) => t.company === company && t.kind === kind));
    if (!chosen) return undefined;
    this.data.tokens.splice(this.data.tokens.indexOf(chosen), 1);
    this.save();
    return chosen;
  }

  async returnToken(token: StoredToken): Promise<void> {
    this.data.tokens.unshift(token);
    this.save();
  }

  async listTokens(): Promise<StoredToken[]> {
    return [...this.data.tokens];
  }

  async putKeyCheck(check: KeyCheck): Promise<void> {
    this.data.keyChecks = this.data.keyChecks.filter((c) => !(c.company === check.company && c.kind === check.kind));
    this.data.keyChecks.push(check);
    this.save();
  }

  async getNextRefill(company: string): Promise<string | undefined> {
    return this.data.nextRefill[company];
  }

  async putNextRefill(company: string, at: string): Promise<void> {
    this.data.nextRefill[company] = at;
    this.save();
  }

  async getThreadKey(threadId: string): Promise<ThreadKey | undefined> {
    const k = this.data.threadKeys[threadId];
    return k && { threadId, ...k };
  }

  async putThreadKey({ threadId, secretKey, publicKey }: ThreadKey): Promise<void> {
    this.data.threadKeys[threadId] = { secretKey, publicKey };
    this.save();
  }

  async putPost(post: MyPost): Promise<void> {
    this.data.posts = this.data.posts.filter((p) => p.id !== post.id);
    this.data.posts.push(post);
    this.save();
  }

  async removePost(id: string): Promise<void> {
    this.data.posts = this.data.posts.filter((p) => p.id !== id);
    this.save();
  }

  async listThreadKeys(): Promise<ThreadKey[]> {
    return Object.entries(this.data.threadKeys).map(([threadId, k]) => ({ threadId, ...k }));
  }

  async listPosts(): Promise<MyPost[]> {
    return this.data.posts.map((p) => ({ ...p, body: p.body ?? '' }));
  }

  async putArcCredential(credential: StoredArcCredential): Promise<void> {
    this.data.arcCredentials = [...this.data.arcCredentials.filter((c) => c.keyId !== credential.keyId), credential];
    this.save();
  }

  async listArcCredentials(company: string): Promise<StoredArcCredential[]> {
    return this.data.arcCredentials.filter((c) => c.company === company);
  }

  async putArcMark(mark: ArcMark): Promise<void> {
    this.data.arcMarks = [...this.data.arcMarks.filter((m) => m.key !== mark.key), mark];
    this.save();
  }

  async getArcMark(key: string): Promise<ArcMark | undefined> {
    return this.data.arcMarks.find((m) => m.key === key);
  }
}
