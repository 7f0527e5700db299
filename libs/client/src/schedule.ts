/**
 * When the client core fetches and when it may spend: issuance and redemption apart in time (RFC 9576 §4.1: an
 * attacker who sees both issuance and redemption can link them by timing; §6.3: clients fetch ahead of time and
 * redeem later). Pure functions over an injected random source, so the adversary simulation
 * (timing-adversary.spec.ts) runs exactly this schedule with a seeded one.
 *
 * - Bulk: a fill takes the whole remaining quota at once (at verification, and after each quota period starts at a
 *   random moment of the refill window), never one token right before a write.
 * - Maturity: everything one fill brings (tokens, ARC credentials) becomes spendable together at one random moment
 *   `maturity` after it arrived. One moment per fill, not per token: with a separate draw per token the first of
 *   forty would mature near the minimum.
 * - Random order: among the spendable tokens of the oldest epoch (it stops redeeming first; the epoch is in the token's
 *   key id anyway) one is picked at random, so the order of fills says nothing about the order of writes.
 */
import type { StoredToken } from './storage.js';

/** A random number in [0, 1). */
export type Random = () => number;

export interface Range {
  min: number;
  max: number;
}

export interface TimingPolicy {
  /** Random delay between a fill and the moment its tokens and credentials may be spent, in milliseconds. */
  maturityMs: Range;
  /** Random delay between the start of a quota period and the client's refill for it, in milliseconds. */
  refillJitterMs: Range;
}

const MINUTE = 60_000;

/**
 * Defaults: a fill matures 15 to 120 minutes after it arrived; a new quota period is fetched within 12 hours of its
 * start (previous-epoch tokens keep redeeming meanwhile, so nobody runs dry).
 */
export const DEFAULT_TIMING: TimingPolicy = {
  maturityMs: { min: 15 * MINUTE, max: 120 * MINUTE },
  refillJitterMs: { min: 0, max: 12 * 60 * MINUTE },
};

/** A uniform number in [0, 1) from the platform's CSPRNG (53 random bits). */
export const secureRandom: Random = () => {
  const r = new Uint32Array(2);
  crypto.getRandomValues(r);
  return (r[0] * 2 ** 21 + (r[1] >>> 11)) / 2 ** 53;
};

/** A uniform draw in [min, max]. */
export function within(range: Range, random: Random = secureRandom): number {
  return range.min + random() * (range.max - range.min);
}

/** When a fill made at `filledAt` may be spent. */
export function maturityAt(filledAt: Date, policy: TimingPolicy = DEFAULT_TIMING, random: Random = secureRandom): Date {
  return new Date(filledAt.getTime() + within(policy.maturityMs, random));
}

/** When to fetch the quota of the period that starts at `periodStart`. */
export function refillAt(
  periodStart: Date,
  policy: TimingPolicy = DEFAULT_TIMING,
  random: Random = secureRandom,
): Date {
  return new Date(periodStart.getTime() + within(policy.refillJitterMs, random));
}

/** Whether something stamped with `matureAt` (absent: kept before maturity existed) may be spent at `now`. */
export function isMature(item: { matureAt?: string }, now: Date): boolean {
  return item.matureAt === undefined || Date.parse(item.matureAt) <= now.getTime();
}

/** The earliest moment one of `items` may be spent, or undefined when there are none. */
export function earliestMaturity(items: readonly { matureAt?: string }[]): Date | undefined {
  const times = items.map((i) => (i.matureAt === undefined ? 0 : Date.parse(i.matureAt)));
  return times.length === 0 ? undefined : new Date(Math.min(...times));
}

/** The token to spend: a random one among the mature tokens of the oldest epoch that has any; undefined if none. */
export function chooseToken(
  tokens: readonly StoredToken[],
  now: Date,
  random: Random = secureRandom,
): StoredToken | undefined {
  const mature = tokens.filter((t) => isMature(t, now));
  if (mature.length === 0) return undefined;
  const oldest = Math.min(...mature.map((t) => t.epoch));
  const candidates = mature.filter((t) => t.epoch === oldest);
  return candidates[Math.min(candidates.length - 1, Math.floor(random() * candidates.length))];
}

/**
 * Parses a maturity setting in minutes, "<min>-<max>" or one number (decimals allowed: "0.05-0.1" is 3 to 6
 * seconds). Returns undefined for an empty setting; throws on a malformed one.
 */
export function parseMaturityMinutes(value: string | null | undefined): Range | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?)\s*)?$/.exec(value);
  const min = m ? Number(m[1]) : NaN;
  const max = m?.[2] === undefined ? min : Number(m[2]);
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) {
    throw new Error(`token maturity: expected minutes as "<min>-<max>" (e.g. 15-120), got "${value}"`);
  }
  return { min: min * MINUTE, max: max * MINUTE };
}

/** The default policy with the maturity delay replaced, when one is set. */
export function timingWith(maturityMs: Range | undefined): TimingPolicy {
  return maturityMs ? { ...DEFAULT_TIMING, maturityMs } : DEFAULT_TIMING;
}
