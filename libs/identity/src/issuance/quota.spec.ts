import { describe, expect, it } from '@jest/globals';
import { TokenKind } from '@unlinked/platform';
import { fitsQuota, quotaRules, quotaStates, remaining, retireAt, type IssuedCount } from './quota.js';

const DAY_MS = 86_400_000;
const EPOCH_DAYS = 30;
/** Same arithmetic as IssuerKeysService.epochEnd: the first instant after the epoch. */
const epochEnd = (epoch: number) => new Date((epoch + 1) * EPOCH_DAYS * DAY_MS);
const rules = quotaRules({ postQuota: 40 }, epochEnd);

describe('quota rules', () => {
  it('takes the post quota from configuration (votes, flags and reviews use ARC credentials)', () => {
    expect(rules.quotas).toEqual({ [TokenKind.Post]: 40 });
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
  it('keeps a post count a day past the next epoch (its key still redeems then)', () => {
    expect(retireAt(TokenKind.Post, 100, rules)).toEqual(new Date(epochEnd(101).getTime() + DAY_MS));
  });
});

describe('quotaStates', () => {
  const epoch = 100;

  it('reports nothing issued, the full quota and the epoch end when there are no counts', () => {
    expect(quotaStates([], epoch, rules)).toEqual([
      { kind: TokenKind.Post, epoch, issued: 0, quota: 40, resetsAt: epochEnd(epoch) },
    ]);
  });

  it('counts post tokens of the current epoch only, ignoring other kinds (old review, reaction, arc counts)', () => {
    const counts: IssuedCount[] = [
      { kind: TokenKind.Post, epoch, issued: 7 },
      { kind: TokenKind.Post, epoch, issued: 2 },
      { kind: TokenKind.Post, epoch: epoch - 1, issued: 30 },
      { kind: 'reaction', epoch, issued: 3 },
      { kind: 'arc', epoch, issued: 1 },
    ];
    const [post] = quotaStates(counts, epoch, rules);
    expect(post.issued).toBe(9);
  });
});
