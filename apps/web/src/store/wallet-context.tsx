import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  fetchArcCredentials,
  fillWallet,
  identityRequest,
  LogoutDocument,
  MeDocument,
  TOKEN_KINDS,
  transport,
  WriteFlows,
  type TokenKind,
} from '@unlinked/client';
import { browserStore, forgetThisBrowser, getSession, setSession, type Session } from './db';

export interface FillProgress {
  kind: TokenKind;
  done: number;
  total: number;
}

interface WalletState {
  session: Session | null | undefined;
  setSignedIn(s: Omit<Session, 'id'> | null): Promise<void>;
  /** Ends the session on the server, erases everything this browser holds, and reloads the app. */
  signOut(): Promise<void>;
  counts: Record<TokenKind, number>;
  /** ARC credentials held for the account's company (one per live period key): votes, flags, reviews. */
  credentials: number;
  /** Company the wallet's tokens are for (the verified account's company). */
  company: string | null;
  progress: FillProgress | null;
  fillError: unknown;
  fill(kinds?: readonly TokenKind[]): Promise<void>;
  refreshCounts(): Promise<void>;
  /** Anonymous writes over this browser's store (token paid, no session, random delay). */
  flows: WriteFlows;
}

const Ctx = createContext<WalletState | null>(null);

export function WalletProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<Session | null | undefined>(undefined);
  const [counts, setCounts] = useState<Record<TokenKind, number>>({ post: 0 });
  const [credentials, setCredentials] = useState(0);
  const [progress, setProgress] = useState<FillProgress | null>(null);
  const [fillError, setFillError] = useState<unknown>(null);
  const running = useRef(false);
  const company = session?.account.company.slug ?? null;

  const refreshCounts = useCallback(async () => {
    const all = await browserStore.listTokens();
    const next = { post: 0 } as Record<TokenKind, number>;
    for (const t of all) if ((!company || t.company === company) && t.kind in next) next[t.kind]++;
    setCounts(next);
    setCredentials(company ? (await browserStore.listArcCredentials(company)).length : 0);
  }, [company]);

  useEffect(() => {
    void getSession().then((s) => setSessionState(s ?? null));
  }, []);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- sets state only after awaiting IndexedDB (an external store)
    void refreshCounts();
  }, [refreshCounts]);

  const fill = useCallback(
    async (kinds: readonly TokenKind[] = TOKEN_KINDS) => {
      const s = await getSession();
      if (!s || running.current) return;
      running.current = true;
      setFillError(null);
      // Tokens issued for a batch still in flight would be lost with the page: ask before leaving.
      const warn = (e: BeforeUnloadEvent) => e.preventDefault();
      window.addEventListener('beforeunload', warn);
      try {
        // ARC credentials first (one request per live period key the browser lacks): votes, flags and reviews.
        await fetchArcCredentials({
          session: s.token,
          company: { id: await companyId(s), slug: s.account.company.slug },
          store: browserStore,
        });
        for (const kind of kinds) {
          await fillWallet({
            session: s.token,
            company: s.account.company.slug,
            kind,
            batchSize: 10,
            store: browserStore,
            onProgress: (done, total) => {
              setProgress({ kind, done, total });
              void refreshCounts();
            },
          });
        }
      } catch (e) {
        setFillError(e);
      } finally {
        window.removeEventListener('beforeunload', warn);
        running.current = false;
        setProgress(null);
        await refreshCounts();
      }
    },
    [refreshCounts],
  );

  // Background refill: whenever a verified session is present, top the wallet
  // up to the quota (in batches; a no-op once nothing is left to fetch).
  const token = session?.token;
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- fill sets state only after awaiting IndexedDB and the network
    if (token) void fill();
  }, [token, fill]);

  const setSignedIn = useCallback(async (s: Omit<Session, 'id'> | null) => {
    await setSession(s);
    setSessionState(s ? { id: 'current', ...s } : null);
  }, []);

  const signOut = useCallback(async () => {
    const s = await getSession();
    // Best effort: the browser forgets the session token either way, so it cannot be used from here again.
    if (s) await identityRequest(LogoutDocument, {}, { session: s.token }).catch(() => undefined);
    await forgetThisBrowser();
    // A fresh page: no session, counts or posts survive in this tab's memory.
    window.location.assign('/verify?signed-out');
  }, []);

  const flows = useMemo(() => new WriteFlows({ store: browserStore, afterSpend: refreshCounts }), [refreshCounts]);

  const value = useMemo(
    () => ({
      session,
      setSignedIn,
      signOut,
      counts,
      credentials,
      company,
      progress,
      fillError,
      fill,
      refreshCounts,
      flows,
    }),
    [session, setSignedIn, signOut, counts, credentials, company, progress, fillError, fill, refreshCounts, flows],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The account's company id (sessions stored before it was kept ask the identity side once, and keep it). */
async function companyId(s: Session): Promise<string> {
  if (s.account.company.id) return s.account.company.id;
  const { me } = await transport().identity(MeDocument, {}, { session: s.token });
  if (!me) throw new Error('no account');
  await setSession({ token: s.token, expiresAt: s.expiresAt, account: me });
  return me.company.id;
}

export function useWallet(): WalletState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useWallet outside WalletProvider');
  return v;
}

/** The signed-in session, for components that may render outside the provider (undefined there, or while loading). */
export function useSession(): Session | null | undefined {
  return useContext(Ctx)?.session;
}

/** The company whose tokens the wallet holds (for the company of an anonymous write). */
export async function tokenCompany(kind: TokenKind): Promise<string | undefined> {
  return (await browserStore.listTokens()).find((t) => t.kind === kind)?.company;
}
