/**
 * Following without an account. What is followed stays in this browser (store/follows.ts); news is computed here
 * from public reads that are the very requests opening those pages makes (same persisted GET query, same
 * variables, so the same cache entries): one read per followed thread or company, nothing that names the set.
 * Replies to one's own posts come from the same reads of the threads this browser wrote in, matched against the
 * post ids it holds (store/db.ts): the server is never asked "what answers me".
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import {
  publicRequest,
  ThreadDocument,
  ThreadsDocument,
  type ReplyFieldsFragment,
  type ThreadQuery,
  type ThreadsQuery,
} from '@unlinked/client/reading';
import { myPosts } from '../store/db';
import {
  follow,
  followState,
  findFollow,
  newCount,
  noteSnapshot,
  unfollow,
  useFollowState,
  type Follow,
  type Snapshot,
} from '../store/follows';

/** The thread page's own read (pages/thread.tsx). */
export const readThread = (id: string, signal?: AbortSignal) =>
  publicRequest(ThreadDocument, { id, first: 100 }, { signal });
/** The company board's own first read (pages/board.tsx). */
export const readCompanyThreads = (slug: string, signal?: AbortSignal) =>
  publicRequest(ThreadsDocument, { companySlug: slug, board: null, sort: 'New', first: 30 }, { signal });

export const threadSnapshot = (th: ThreadQuery['thread']): number => th.replyCount;
export const companySnapshot = (threads: ThreadsQuery['threads']): Record<string, number> =>
  Object.fromEntries(threads.edges.map(({ node }) => [node.id, node.replyCount]));

export interface ReplyToMe {
  reply: ReplyFieldsFragment;
  threadTitle: string;
  /** True when it answers a thread this browser started; otherwise it quotes one of this browser's replies. */
  toThread: boolean;
}

let repliesToMe: ReplyToMe[] = [];
const listeners = new Set<() => void>();
let running: Promise<void> | null = null;

async function check(): Promise<void> {
  const mine = await myPosts().catch(() => []);
  const myIds = new Set(mine.map((p) => p.id));
  const myThreads = new Set(mine.filter((p) => p.kind === 'thread').map((p) => p.id));
  const { follows } = followState();
  const threadIds = new Set([
    ...follows.filter((f) => f.kind === 'thread').map((f) => f.id),
    ...mine.flatMap((p) => ((p.kind === 'thread' || p.kind === 'reply') && p.threadId ? [p.threadId] : [])),
  ]);
  const found: ReplyToMe[] = [];
  await Promise.all([
    ...[...threadIds].map(async (id) => {
      const th = (await readThread(id).catch(() => null))?.thread;
      if (!th) return;
      noteSnapshot('thread', id, threadSnapshot(th), false);
      for (const { node: r } of th.replies.edges) {
        if (myIds.has(r.id)) continue;
        const toThread = myThreads.has(id);
        if (toThread || (r.quotedReplyId && myIds.has(r.quotedReplyId)))
          found.push({ reply: r, threadTitle: th.title, toThread });
      }
    }),
    ...follows
      .filter((f) => f.kind === 'company')
      .map(async (f) => {
        const page = await readCompanyThreads(f.id).catch(() => null);
        if (page) noteSnapshot('company', f.id, companySnapshot(page.threads), false);
      }),
  ]);
  repliesToMe = found.sort((a, b) => b.reply.createdAt.localeCompare(a.reply.createdAt));
  for (const l of listeners) l();
}

/** Reads every followed item and own thread once (one run at a time). */
export function refreshFollowing(): Promise<void> {
  running ??= check().finally(() => (running = null));
  return running;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useRepliesToMe(): ReplyToMe[] {
  return useSyncExternalStore(subscribe, () => repliesToMe);
}

/** New replies in followed items, plus unseen replies to own posts in threads not followed (counted once). */
export function useNewTotal(): number {
  const state = useFollowState();
  const toMe = useRepliesToMe();
  const followed = state.follows.reduce((n, f) => n + newCount(f), 0);
  const unseen = toMe.filter(
    (r) => !state.seenReplies.includes(r.reply.id) && !findFollow(state, 'thread', r.reply.threadId),
  );
  return followed + unseen.length;
}

const REFRESH_MS = 5 * 60_000;

/** "3 new" next to the menu's Following link; checks on load and every few minutes. */
export function FollowingBadge() {
  const { t } = useTranslation();
  const total = useNewTotal();
  useEffect(() => {
    void refreshFollowing();
    const timer = window.setInterval(() => void refreshFollowing(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);
  if (total === 0) return null;
  return (
    <span className="badge new" data-testid="following-badge">
      {t('following.new', { count: total })}
    </span>
  );
}

/**
 * Follow / unfollow one thread or company. `now` is the page's own public read of it: while followed, showing
 * the page marks it seen. Following a company from a page that did not read its threads reads them once.
 */
export function FollowButton({
  kind,
  id,
  title,
  now,
}: {
  kind: Follow['kind'];
  id: string;
  title: string;
  now?: Snapshot;
}) {
  const { t } = useTranslation();
  const state = useFollowState();
  const followed = !!findFollow(state, kind, id);
  const key = JSON.stringify(now);
  useEffect(() => {
    if (followed && now !== undefined) noteSnapshot(kind, id, now, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `now`
  }, [followed, kind, id, key]);
  const start = async () => {
    // A page that did not read the item reads it now, as opening it would; unread (offline, say), all counts as new.
    const read = (): Promise<Snapshot> =>
      kind === 'thread'
        ? readThread(id).then((r) => threadSnapshot(r.thread))
        : readCompanyThreads(id).then((r) => companySnapshot(r.threads));
    follow(kind, id, title, now ?? (await read().catch(() => (kind === 'thread' ? 0 : {}))));
  };
  return (
    <button
      type="button"
      className="secondary follow"
      aria-pressed={followed}
      data-follow={kind}
      onClick={() => (followed ? unfollow(kind, id) : void start())}
    >
      {followed ? t('following.unfollow') : t('following.follow')}
    </button>
  );
}
