/**
 * Everything secret lives in this browser's IndexedDB, never on the server:
 * tokens, ARC credentials and what this browser voted, flagged or reviewed,
 * per-thread author keys, the list of one's own posts, the session.
 * Clearing site data erases it; nothing here can be recovered from the server.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type {
  ArcMark,
  ClientStore,
  KeyCheck,
  MyPost,
  StoredArcCredential,
  StoredSession,
  StoredToken,
  ThreadKey,
  TokenKind,
} from '@unlinked/client';

export type { MyPost } from '@unlinked/client';

export interface Session extends StoredSession {
  id: 'current';
}

interface UnlinkedDB extends DBSchema {
  tokens: { key: number; value: StoredToken & { seq?: number }; indexes: { byKind: [string, string] } };
  keyChecks: { key: [string, string]; value: KeyCheck };
  threadKeys: { key: string; value: ThreadKey };
  posts: { key: string; value: MyPost };
  session: { key: string; value: Session };
  arcCredentials: { key: string; value: StoredArcCredential; indexes: { byCompany: string } };
  arcMarks: { key: string; value: ArcMark };
}

let dbPromise: Promise<IDBPDatabase<UnlinkedDB>> | null = null;

export function db(): Promise<IDBPDatabase<UnlinkedDB>> {
  dbPromise ??= openDB<UnlinkedDB>('unlinked', 2, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) {
        const tokens = d.createObjectStore('tokens', { keyPath: 'seq', autoIncrement: true });
        tokens.createIndex('byKind', ['company', 'kind']);
        d.createObjectStore('keyChecks', { keyPath: ['company', 'kind'] });
        d.createObjectStore('threadKeys', { keyPath: 'threadId' });
        d.createObjectStore('posts', { keyPath: 'id' });
        d.createObjectStore('session', { keyPath: 'id' });
      }
      if (oldVersion < 2) {
        // Issue 11: votes, flags and reviews are paid with ARC credentials.
        const credentials = d.createObjectStore('arcCredentials', { keyPath: 'keyId' });
        credentials.createIndex('byCompany', 'company');
        d.createObjectStore('arcMarks', { keyPath: 'key' });
      }
    },
  });
  return dbPromise;
}

function strip(t: StoredToken & { seq?: number }): StoredToken {
  const { seq: _seq, ...rest } = t;
  return rest;
}

/** The browser's store for the client core (tokens, key checks, author keys, own posts). */
export const browserStore: ClientStore & {
  count(company: string, kind: TokenKind): Promise<number>;
  keyChecks(): Promise<KeyCheck[]>;
} = {
  async addTokens(tokens) {
    const tx = (await db()).transaction('tokens', 'readwrite');
    for (const t of tokens) await tx.store.add({ ...t });
    await tx.done;
  },
  async takeToken(company, kind) {
    const tx = (await db()).transaction('tokens', 'readwrite');
    const cursor = await tx.store.index('byKind').openCursor([company, kind]);
    if (!cursor) {
      await tx.done;
      return undefined;
    }
    const value = cursor.value;
    await cursor.delete();
    await tx.done;
    return strip(value);
  },
  async returnToken(token) {
    await (await db()).add('tokens', { ...token });
  },
  async listTokens() {
    return (await (await db()).getAll('tokens')).map(strip);
  },
  async count(company, kind) {
    return (await db()).countFromIndex('tokens', 'byKind', [company, kind]);
  },
  async putKeyCheck(check) {
    await (await db()).put('keyChecks', check);
  },
  async keyChecks() {
    return (await db()).getAll('keyChecks');
  },
  getThreadKey,
  putThreadKey,
  putPost: addMyPost,
  removePost: removeMyPost,
  async putArcCredential(credential) {
    await (await db()).put('arcCredentials', credential);
  },
  async listArcCredentials(company) {
    return (await db()).getAllFromIndex('arcCredentials', 'byCompany', company);
  },
  async putArcMark(mark) {
    await (await db()).put('arcMarks', mark);
  },
  async getArcMark(key) {
    return (await db()).get('arcMarks', key);
  },
};

export async function getSession(): Promise<Session | undefined> {
  const s = await (await db()).get('session', 'current');
  if (s && new Date(s.expiresAt) < new Date()) {
    await (await db()).delete('session', 'current');
    return undefined;
  }
  return s;
}

export async function setSession(s: Omit<Session, 'id'> | null): Promise<void> {
  if (s) await (await db()).put('session', { id: 'current', ...s });
  else await (await db()).delete('session', 'current');
}

export async function getThreadKey(threadId: string): Promise<ThreadKey | undefined> {
  return (await db()).get('threadKeys', threadId);
}

export async function putThreadKey(k: ThreadKey): Promise<void> {
  await (await db()).put('threadKeys', k);
}

export async function addMyPost(p: MyPost): Promise<void> {
  await (await db()).put('posts', p);
}

export async function myPosts(): Promise<MyPost[]> {
  return (await (await db()).getAll('posts')).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function removeMyPost(id: string): Promise<void> {
  await (await db()).delete('posts', id);
}
