/**
 * What this browser follows, kept in localStorage only: the server never learns it. Each followed item keeps two
 * snapshots of public data, `seen` (when the reader last opened it) and `latest` (the newest public read); the
 * difference is the "new" count. Sign-out clears it with the rest of this browser's data (db.ts).
 */
import { useSyncExternalStore } from 'react';

/** Reply count of one thread, or reply count per thread of a company's newest threads. */
export type Snapshot = number | Record<string, number>;

export interface Follow {
  kind: 'thread' | 'company';
  /** Thread id or company slug. */
  id: string;
  title: string;
  seen: Snapshot;
  latest: Snapshot;
}

export interface FollowState {
  follows: Follow[];
  /** Ids of replies to this browser's own posts that the reader has already been shown. */
  seenReplies: string[];
}

const KEY = 'unlinked.following';
const EMPTY: FollowState = { follows: [], seenReplies: [] };
const listeners = new Set<() => void>();
let cached: { raw: string | null; state: FollowState } | null = null;

function parse(raw: string | null): FollowState {
  try {
    const s = raw ? (JSON.parse(raw) as Partial<FollowState>) : {};
    return { follows: Array.isArray(s.follows) ? s.follows : [], seenReplies: s.seenReplies ?? [] };
  } catch {
    return EMPTY;
  }
}

export function followState(): FollowState {
  const raw = localStorage.getItem(KEY);
  if (cached?.raw !== raw) cached = { raw, state: parse(raw) };
  return cached.state;
}

function update(change: (s: FollowState) => FollowState): void {
  localStorage.setItem(KEY, JSON.stringify(change(followState())));
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab following or opening something.
  const onStorage = (e: StorageEvent) => e.key === KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useFollowState(): FollowState {
  return useSyncExternalStore(subscribe, followState);
}

/** How much is new in a followed item: new replies, plus new threads for a company. */
export function newCount(f: Pick<Follow, 'seen' | 'latest'>): number {
  if (typeof f.latest === 'number') return Math.max(0, f.latest - (typeof f.seen === 'number' ? f.seen : 0));
  const seen = typeof f.seen === 'number' ? {} : f.seen;
  return Object.entries(f.latest).reduce((n, [id, replies]) => n + Math.max(0, replies - (seen[id] ?? -1)), 0);
}

export function findFollow(s: FollowState, kind: Follow['kind'], id: string): Follow | undefined {
  return s.follows.find((f) => f.kind === kind && f.id === id);
}

export function follow(kind: Follow['kind'], id: string, title: string, now: Snapshot): void {
  update((s) =>
    findFollow(s, kind, id) ? s : { ...s, follows: [...s.follows, { kind, id, title, seen: now, latest: now }] },
  );
}

export function unfollow(kind: Follow['kind'], id: string): void {
  update((s) => ({ ...s, follows: s.follows.filter((f) => !(f.kind === kind && f.id === id)) }));
}

/** A newer public read of a followed item; with `opened`, the reader has now seen it too. */
export function noteSnapshot(kind: Follow['kind'], id: string, now: Snapshot, opened: boolean): void {
  const f = findFollow(followState(), kind, id);
  if (!f || (JSON.stringify(f.latest) === JSON.stringify(now) && (!opened || newCount(f) === 0))) return;
  update((s) => ({
    ...s,
    follows: s.follows.map((x) =>
      x === findFollow(s, kind, id) ? { ...x, latest: now, seen: opened ? now : x.seen } : x,
    ),
  }));
}

export function markRepliesSeen(ids: string[]): void {
  const s = followState();
  if (ids.every((id) => s.seenReplies.includes(id))) return;
  // Bounded: the oldest marks go first.
  update((x) => ({ ...x, seenReplies: [...new Set([...x.seenReplies, ...ids])].slice(-2000) }));
}
