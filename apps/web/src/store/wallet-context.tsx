import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  identityRequest,
  LogoutDocument,
  earliestMaturity,
  isMature,
  MeDocument,
  parseMaturityMinutes,
  timingWith,
  TOKEN_KINDS,
  transport,
  type TimingPolicy,
  type TokenKind,
} from '@unlinked/client/reading';
import type { WriteFlows } from '@unlinked/client';
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
  /** Refills when the plan says so (schedule.ts), or at once with `force` (the user's button). */
  fill(kinds?: readonly TokenKind[], force?: boolean): Promise<void>;
  /** When the first of the tokens held becomes spendable, while none is yet (ISO time), else null. */
  spendableFrom: string | null;
  refreshCounts(): Promise<void>;
  /** Anonymous writes over this browser's store (token paid, no session, random delay). */
  flows: WriteFlows;
}

const Ctx = createContext<WalletState | null>(null);

/**
 * The device's token maturity, in minutes ("<min>-<max>"), when set in localStorage under this key (tests set a
 * small one; a user may lengthen it); otherwise the client core's default (schedule.ts DEFAULT_TIMING).
 */
export const MATURITY_SETTING = 'unlinked.tokenMaturityMinutes';

function deviceTiming(): TimingPolicy {
  try {
    return timingWith(parseMaturityMinutes(localStorage.getItem(MATURITY_SETTING)));
  } catch {
    return timingWith(undefined);
  }
}

/** setTimeout's longest delay (about 24.8 days); a later refill is re-planned on the next start anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function WalletProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<Session | null | undefined>(undefined);
  const [counts, setCounts] = useState<Record<TokenKind, number>>({ post: 0 });
  const [credentials, setCredentials] = useState(0);
  const [spendableFrom, setSpendableFrom] = useState<string | null>(null);
  const [progress, setProgress] = useState<FillProgress | null>(null);
  const [fillError, setFillError] = useState<unknown>(null);
  const running = useRef(false);
  const [nextRefill, setNextRefill] = useState<number | null>(null);
  const timing = useMemo(() => deviceTiming(), []);
  const company = session?.account.company.slug ?? null;

  const refreshCounts = useCallback(async () => {
    const all = await browserStore.listTokens();
    const next = { post: 0 } as Record<TokenKind, number>;
    const mine = all.filter((t) => (!company || t.company === company) && t.kind in next);
    for (const t of mine) next[t.kind]++;
    setCounts(next);
    const now = new Date();
    setSpendableFrom(mine.some((t) => isMature(t, now)) ? null : (earliestMaturity(mine)?.toISOString() ?? null));
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
    async (kinds: readonly TokenKind[] = TOKEN_KINDS, force = false) => {
      const s = await getSession();
      if (!s || running.current) return;
      running.current = true;
      setFillError(null);
      // No "Leave site?": a batch in flight is kept with its Idempotency-Key and finished at the next start (issue 13).
      try {
        // Whole quotas at verification, then at a random moment after each period starts (schedule.ts); never
        // right before a write. ARC credentials first: votes, flags and reviews.
        const { fetchArcCredentials, refillWhenDue } = await import('./write-crypto');
        await fetchArcCredentials({
          session: s.token,
          company: { id: await companyId(s), slug: s.account.company.slug },
          store: browserStore,
          timing,
        });
        for (const kind of kinds) {
          const { next } = await refillWhenDue({
            session: s.token,
            company: s.account.company.slug,
            kind,
            batchSize: 10,
            store: browserStore,
            timing,
            force,
            onProgress: (done, total) => {
              setProgress({ kind, done, total });
              void refreshCounts();
            },
          });
          setNextRefill(next.getTime());
        }
      } catch (e) {
        setFillError(e);
      } finally {
        running.current = false;
        setProgress(null);
        await refreshCounts();
      }
    },
    [refreshCounts, timing],
  );

  // The planned refill while the page stays open (a later start catches up with a missed one).
  useEffect(() => {
    if (nextRefill === null) return;
    const timer = setTimeout(() => void fill(), Math.min(MAX_TIMER_MS, Math.max(0, nextRefill - Date.now())));
    return () => clearTimeout(timer);
  }, [nextRefill, fill]);

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

  const flows = useMemo(() => lazyFlows(refreshCounts), [refreshCounts]);

  const value = useMemo(
    () => ({
      session,
      setSignedIn,
      signOut,
      counts,
      spendableFrom,
      credentials,
      company,
      progress,
      fillError,
      fill,
      refreshCounts,
      flows,
    }),
    [
      session,
      setSignedIn,
      signOut,
      counts,
      spendableFrom,
      credentials,
      company,
      progress,
      fillError,
      fill,
      refreshCounts,
      flows,
    ],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/**
 * The write flows, their code loaded on the first call (every method is async): pages that only read never load
 * the curves.
 */
function lazyFlows(afterSpend: () => Promise<void>): WriteFlows {
  let loaded: Promise<WriteFlows> | undefined;
  const load = () =>
    (loaded ??= import('./write-crypto').then(({ WriteFlows }) => new WriteFlows({ store: browserStore, afterSpend })));
  return new Proxy({} as WriteFlows, {
    get:
      (_, method: keyof WriteFlows) =>
      async (...args: unknown[]) => {
        const flows = await load();
        return (flows[method] as (...a: unknown[]) => unknown).apply(flows, args);
      },
  });
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
