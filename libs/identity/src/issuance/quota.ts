import type { AppConfig } from '@unlinked/config';
import { TokenKind } from '@unlinked/platform';

const DAY_MS = 86_400_000;

/**
 * Quota arithmetic of the issuer, pure (no clock, no database): how many
 * tokens an account may still get per kind, which stored counts limit a
 * request, and when a count stops mattering. Counts are (account, key) →
 * number issued (privacy rule 2); post and reaction quotas are per epoch
 * (one key), the review quota spans the epochs of the last 12 months.
 */
export interface QuotaRules {
  /** Tokens per account: per epoch (post, reaction) or per review window (review). */
  readonly quotas: Readonly<Record<TokenKind, number>>;
  /** Epochs in the review window: ⌈365 / EPOCH_DAYS⌉, so that it covers 12 months. */
  readonly reviewWindowEpochs: number;
  /** First instant after an epoch (IssuerKeysService.epochEnd). */
  readonly epochEnd: (epoch: number) => Date;
}

/** A stored count as the arithmetic sees it. */
export interface IssuedCount {
  readonly kind: TokenKind;
  readonly epoch: number;
  readonly issued: number;
}

export interface QuotaState {
  kind: TokenKind;
  epoch: number;
  issued: number;
  quota: number;
  /** When the count starts over: the end of the epoch (post, reaction) or of the review window. */
  resetsAt: Date;
}

export function reviewWindowEpochs(epochDays: number): number {
  return Math.ceil(365 / epochDays);
}

export function quotaRules(
  issuance: Pick<AppConfig['issuance'], 'epochDays' | 'postQuota' | 'reactionQuota' | 'reviewQuota'>,
  epochEnd: (epoch: number) => Date,
): QuotaRules {
  return {
    quotas: {
      [TokenKind.Post]: issuance.postQuota,
      [TokenKind.Reaction]: issuance.reactionQuota,
      [TokenKind.Review]: issuance.reviewQuota,
    },
    reviewWindowEpochs: reviewWindowEpochs(issuance.epochDays),
    epochEnd,
  };
}

/** Counts of epochs after this one limit a review request made in `epoch`. */
export function reviewWindowFloor(epoch: number, rules: QuotaRules): number {
  return epoch - rules.reviewWindowEpochs;
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
 * When a count of (kind, epoch) may be deleted: a day after the last epoch in
 * which it still limits issuance or its key still redeems — the next epoch
 * (previous keys redeem for one more epoch) or the end of the review window.
 */
export function retireAt(kind: TokenKind, epoch: number, rules: QuotaRules): Date {
  const lastEpoch = kind === TokenKind.Review ? epoch + rules.reviewWindowEpochs - 1 : epoch + 1;
  return new Date(rules.epochEnd(lastEpoch).getTime() + DAY_MS);
}

/**
 * Issued vs quota per kind in `epoch`, from the account's counts of the
 * review window (counts of older epochs are ignored). Post and reaction
 * count the current epoch only and reset at its end; review sums the window
 * and resets when its oldest non-zero count leaves the window.
 */
export function quotaStates(counts: readonly IssuedCount[], epoch: number, rules: QuotaRules): QuotaState[] {
  const window = counts.filter((c) => c.epoch > reviewWindowFloor(epoch, rules));
  return [TokenKind.Post, TokenKind.Review, TokenKind.Reaction].map((kind) => {
    const issued = window
      .filter((c) => c.kind === kind && (kind === TokenKind.Review || c.epoch === epoch))
      .reduce((sum, c) => sum + c.issued, 0);
    const resetsAt =
      kind === TokenKind.Review
        ? reviewResetsAt(
            window.filter((c) => c.kind === kind && c.issued > 0),
            epoch,
            rules,
          )
        : rules.epochEnd(epoch);
    return { kind, epoch, issued, quota: rules.quotas[kind], resetsAt };
  });
}

function reviewResetsAt(counts: readonly IssuedCount[], epoch: number, rules: QuotaRules): Date {
  const oldest = counts.length ? Math.min(...counts.map((c) => c.epoch)) : epoch;
  return rules.epochEnd(oldest + rules.reviewWindowEpochs - 1);
}
