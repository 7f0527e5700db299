import type { AppConfig } from '@unlinked/config';
import { TokenKind } from '@unlinked/platform';

const DAY_MS = 86_400_000;

/**
 * Quota arithmetic of the issuer, pure (no clock, no database): how many
 * tokens an account may still get per kind, and when a count stops mattering.
 * Counts are (account, key) → number issued (privacy rule 2); the post quota
 * is per epoch (one key). Votes, flags and reviews are limited by ARC
 * credentials instead (one per account per period key, arc-issuance.service.ts).
 */
export interface QuotaRules {
  /** Tokens per account per epoch. */
  readonly quotas: Readonly<Record<TokenKind, number>>;
  /** First instant after an epoch (IssuerKeysService.epochEnd). */
  readonly epochEnd: (epoch: number) => Date;
}

/** A stored count as the arithmetic sees it. */
export interface IssuedCount {
  readonly kind: TokenKind | string;
  readonly epoch: number;
  readonly issued: number;
}

export interface QuotaState {
  kind: TokenKind;
  epoch: number;
  issued: number;
  quota: number;
  /** When the count starts over: the end of the epoch. */
  resetsAt: Date;
}

export function quotaRules(
  issuance: Pick<AppConfig['issuance'], 'postQuota'>,
  epochEnd: (epoch: number) => Date,
): QuotaRules {
  return { quotas: { [TokenKind.Post]: issuance.postQuota }, epochEnd };
}

/** Whether `n` more tokens fit when `used` are already counted against `quota`. */
export function fitsQuota(used: number, n: number, quota: number): boolean {
  return used + n <= quota;
}

/** Tokens still available (never negative: a quota lowered by configuration can sit below a count). */
export function remaining(state: Pick<QuotaState, 'quota' | 'issued'>): number {
  return Math.max(0, state.quota - state.issued);
}

/**
 * When a count of (kind, epoch) may be deleted: a day after the next epoch
 * (previous keys redeem for one more epoch).
 */
export function retireAt(_kind: TokenKind, epoch: number, rules: QuotaRules): Date {
  return new Date(rules.epochEnd(epoch + 1).getTime() + DAY_MS);
}

/** Issued vs quota per kind in `epoch` (counts of other epochs and kinds are ignored); resets at the epoch's end. */
export function quotaStates(counts: readonly IssuedCount[], epoch: number, rules: QuotaRules): QuotaState[] {
  return [TokenKind.Post].map((kind) => {
    const issued = counts.filter((c) => c.kind === kind && c.epoch === epoch).reduce((sum, c) => sum + c.issued, 0);
    return { kind, epoch, issued, quota: rules.quotas[kind], resetsAt: rules.epochEnd(epoch) };
  });
}
