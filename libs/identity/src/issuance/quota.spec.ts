import { describe, expect, it } from '@jest/globals';
import { TokenKind } from '@unlinked/platform';
import {
  fitsQuota,
  quotaRules,
  quotaStates,
  remaining,
  retireAt,
  reviewWindowEpochs,
  reviewWindowFloor,
  type IssuedCount,
} from './quota.js';

const DAY_MS = 86_400_000;
const EPOCH_DAYS = 30;
/** Same arithmetic as IssuerKeysService.epochEnd: the first instant after the epoch. */
const epochEnd = (epoch: number) => new Date((epoch + 1) * EPOCH_DAYS * DAY_MS);
const rules = quotaRules({ epochDays: EPOCH_DAYS, postQuota: 40, reactionQuota: 200, reviewQuota: 1 }, epochEnd);

describe('quota rules', () => {
  it('takes each kind’s quota from configuration', () => {
    expect(rules.quotas).toEqual({ [TokenKind.Post]: 40, [TokenKind.Reaction]: 200, [TokenKind.Review]: 1 });
  });

  it.each([
    [30, 13],
    [365, 1],
    [1, 365],
    [7, 53],
    [366, 1],
  ])('⌈365 / %i⌉: a review window of %i epochs', (days, epochs) => {
    expect(reviewWindowEpochs(days)).toBe(epochs);
  });

  it('counts a review request against the epochs after epoch − window', () => {
    expect(reviewWindowFloor(100, rules)).toBe(87);
  });
});

describe('fitsQuota', () => {
  it.each([
    [0, 40, 40, true],
    [0, 41, 40, false],
    [39, 1, 40, true],
    [40, 1, 40, false],
    [0, 1, 0, false],
    [0, 0, 0, true],
  ])('used %i + %i within %i → %p', (used, n, quota, fits) => {
    expect(fitsQuota(used, n, quota)).toBe(fits);
  });
});

describe('remaining', () => {
  it('is quota minus issued, never negative (a lowered quota can sit below a count)', () => {
    expect(remaining({ quota: 40, issued: 15 })).toBe(25);
    expect(remaining({ quota: 40, issued: 40 })).toBe(0);
    expect(remaining({ quota: 10, issued: 40 })).toBe(0);
  });
});

describe('retireAt', () => {
  it('keeps a post or reaction count a day past the next epoch (its key still redeems then)', () => {
    expect(retireAt(TokenKind.Post, 100, rules)).toEqual(new Date(epochEnd(101).getTime() + DAY_MS));
    expect(retireAt(TokenKind.Reaction, 100, rules)).toEqual(new Date(epochEnd(101).getTime() + DAY_MS));
  });

  it('keeps a review count a day past the last epoch of its review window', () => {
    expect(retireAt(TokenKind.Review, 100, rules)).toEqual(new Date(epochEnd(112).getTime() + DAY_MS));
  });
});

describe('quotaStates', () => {
  const epoch = 100;

  it('reports nothing issued, full quotas and the epoch end when there are no counts', () => {
    expect(quotaStates([], epoch, rules)).toEqual([
      { kind: TokenKind.Post, epoch, issued: 0, quota: 40, resetsAt: epochEnd(epoch) },
      { kind: TokenKind.Review, epoch, issued: 0, quota: 1, resetsAt: epochEnd(epoch + 12) },
      { kind: TokenKind.Reaction, epoch, issued: 0, quota: 200, resetsAt: epochEnd(epoch) },
    ]);
  });

  it('counts post and reaction tokens of the current epoch only', () => {
    const counts: IssuedCount[] = [
      { kind: TokenKind.Post, epoch, issued: 7 },
      { kind: TokenKind.Post, epoch: epoch - 1, issued: 30 },
      { kind: TokenKind.Reaction, epoch, issued: 3 },
      { kind: TokenKind.Reaction, epoch, issued: 2 },
    ];
    const [post, , reaction] = quotaStates(counts, epoch, rules);
    expect(post.issued).toBe(7);
    expect(reaction.issued).toBe(5);
  });

  it('sums review tokens over the window and resets when the oldest non-zero count leaves it', () => {
    const counts: IssuedCount[] = [
      { kind: TokenKind.Review, epoch: epoch - 5, issued: 1 },
      { kind: TokenKind.Review, epoch: epoch - 8, issued: 0 },
      { kind: TokenKind.Review, epoch: epoch - 12, issued: 1 },
      // Outside the window (epoch − 13 and older): ignored.
      { kind: TokenKind.Review, epoch: epoch - 13, issued: 4 },
    ];
    const [, review] = quotaStates(counts, epoch, rules);
    expect(review.issued).toBe(2);
    expect(review.resetsAt).toEqual(epochEnd(epoch - 12 + 12));
  });

  it('does not mix kinds', () => {
    const [post, review, reaction] = quotaStates([{ kind: TokenKind.Review, epoch, issued: 1 }], epoch, rules);
    expect([post.issued, review.issued, reaction.issued]).toEqual([0, 1, 0]);
  });
});
