/**
 * Everything secret lives in this browser's IndexedDB, never on the server:
 * tokens (and token requests not yet answered), ARC credentials and what this browser voted, flagged or reviewed,
 * per-thread author keys, the list of one's own posts, the session.
 * Clearing site data erases it; nothing here can be recovered from the server.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
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
  refills: { key: string; value: { company: string; at: string } };
  pendingIssuances: { key: string; value: PendingRequest };
}

const DB_NAME = 'unlinked';
let dbPromise: Promise<IDBPDatabase<UnlinkedDB>> | null = null;
/** Set once sign-out starts clearing: nothing may write again (a token batch still in flight, say) until reload. */
let forgotten = false;

export function db(): Promise<IDBPDatabase<UnlinkedDB>> {
  if (forgotten) return Promise.reject(new Error('This browser was signed out.'));
  dbPromise ??= openDB<UnlinkedDB>(DB_NAME, 4, {
    // Another tab signing out deletes the database: let it, instead of blocking the deletion.
    blocking() {
      const open = dbPromise;
      dbPromise = null;
      void open?.then((d) => d.close());
    },
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
      if (oldVersion < 3) {
        // Issue 15: the next planned refill per company (a random moment after each quota period starts).
        d.createObjectStore('refills', { keyPath: 'company' });
      }
      if (oldVersion < 4) {
        // Issue 13: token requests kept before sending, finished after a reload (recoverable issuance).
        d.createObjectStore('pendingIssuances', { keyPath: 'id' });
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
export const browserStore: ClientStore &
  AuthorKeyring & {
    count(company: string, kind: TokenKind): Promise<number>;
    keyChecks(): Promise<KeyCheck[]>;
  } = {
  async addTokens(tokens) {
    const tx = (await db()).transaction('tokens', 'readwrite');
    for (const t of tokens) await tx.store.add({ ...t });
    await tx.done;
  },
  async putPendingRequest(pending) {
    await (await db()).put('pendingIssuances', pending);
  },
  async listPendingRequests() {
    return (await db()).getAll('pendingIssuances');
  },
  async finishIssuance(id, tokens) {
    // One transaction: the tokens in, the request out; a request another tab finished already adds nothing.
    const tx = (await db()).transaction(['pendingIssuances', 'tokens'], 'readwrite');
    if (await tx.objectStore('pendingIssuances').get(id)) {
      await tx.objectStore('pendingIssuances').delete(id);
      for (const t of tokens) await tx.objectStore('tokens').add({ ...t });
    }
    await tx.done;
  },
  async removePendingRequest(id) {
    await (await db()).delete('pendingIssuances', id);
  },
  async takeToken(company, kind, choose) {
    // One transaction: read the candidates, let the core choose (synchronously), delete the chosen one.
    const tx = (await db()).transaction('tokens', 'readwrite');
    const held = await tx.store.index('byKind').getAll([company, kind]);
    const chosen = choose(held);
    const row = held.find((t) => t === chosen);
    if (row?.seq !== undefined) await tx.store.delete(row.seq);
    await tx.done;
    return row && strip(row);
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
  async getNextRefill(company) {
    return (await (await db()).get('refills', company))?.at;
  },
  async putNextRefill(company, at) {
    await (await db()).put('refills', { company, at });
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
  async listThreadKeys() {
    return (await db()).getAll('threadKeys');
  },
  listPosts: myPosts,
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

/** localStorage entries that are device preferences, not anyone's data: kept across a sign-out. */
const KEPT_PREFERENCES = new Set(['unlinked.lang', 'unlinked.tokenMaturityMinutes']);

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/**
 * Sign-out: removes everything this app keeps in the browser, whoever added it. Every IndexedDB database of
 * the origin is emptied store by store (so a store added later, such as ARC credentials, is covered without
 * being named here, and nothing is left even if another connection keeps the database open), then deleted;
 * localStorage and sessionStorage lose every entry but device preferences. The caller reloads the page, so no
 * copy survives in memory either.
 */
export async function forgetThisBrowser(): Promise<void> {
  forgotten = true;
  const open = dbPromise;
  dbPromise = null;
  if (open) (await open.catch(() => null))?.close();
  const names = new Set([DB_NAME]);
  for (const info of await indexedDB.databases()) if (info.name) names.add(info.name);
  for (const name of names) {
    const d = await request(indexedDB.open(name));
    const stores = Array.from(d.objectStoreNames);
    if (stores.length > 0) {
      const tx = d.transaction(stores, 'readwrite');
      for (const store of stores) tx.objectStore(store).clear();
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    }
    d.close();
    // Deleted once no other tab holds it open; emptied already either way.
    await new Promise<void>((resolve) => {
      const del = indexedDB.deleteDatabase(name);
      del.onsuccess = del.onerror = del.onblocked = () => resolve();
    });
  }
  for (const storage of [localStorage, sessionStorage]) {
    for (const key of Object.keys(storage)) if (!KEPT_PREFERENCES.has(key)) storage.removeItem(key);
  }
}
