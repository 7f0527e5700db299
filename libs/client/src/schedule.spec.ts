import { describe, expect, it } from '@jest/globals';
import { ApiError } from './errors.js';
import {
  chooseToken,
  DEFAULT_TIMING,
  maturityAt,
  parseMaturityMinutes,
  refillAt,
  secureRandom,
  timingWith,
} from './schedule.js';
import { MemoryStore, token } from './testing.spec-helper.js';
import { withToken } from './wallet.js';
import { withArc } from './arc-credentials.js';

const NOW = new Date('2026-12-02T09:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

describe('schedule (issue 15: issuance and spending apart in time)', () => {
  it('draws maturity and refill moments inside their ranges, minutes by default', () => {
    for (let i = 0; i < 200; i++) {
      const m = maturityAt(NOW).getTime() - NOW.getTime();
      expect(m).toBeGreaterThanOrEqual(DEFAULT_TIMING.maturityMs.min);
      expect(m).toBeLessThanOrEqual(DEFAULT_TIMING.maturityMs.max);
      const r = refillAt(NOW).getTime() - NOW.getTime();
      expect(r).toBeGreaterThanOrEqual(DEFAULT_TIMING.refillJitterMs.min);
      expect(r).toBeLessThanOrEqual(DEFAULT_TIMING.refillJitterMs.max);
      const u = secureRandom();
      expect(u >= 0 && u < 1).toBe(true);
    }
    expect(DEFAULT_TIMING.maturityMs.min).toBeGreaterThanOrEqual(60_000);
  });

  it('spends a random mature token of the oldest epoch, never an immature one', () => {
    const tokens = [
      { ...token('acme', 'post', 'young'), epoch: 1, matureAt: at(5) },
      { ...token('acme', 'post', 'a'), epoch: 2, matureAt: at(-5) },
      { ...token('acme', 'post', 'b'), epoch: 2 },
      { ...token('acme', 'post', 'c'), epoch: 3, matureAt: at(-60) },
    ];
    const picked = new Set<string>();
    for (let i = 0; i < 100; i++) picked.add(chooseToken(tokens, NOW)!.token);
    expect([...picked].sort()).toEqual(['a', 'b']);
    expect(chooseToken(tokens.slice(0, 1), NOW)).toBeUndefined();
    expect(chooseToken(tokens.slice(0, 1), new Date(at(5)))?.token).toBe('young');
  });

  it('parses a maturity setting in minutes and refuses a malformed one', () => {
    expect(parseMaturityMinutes('15-120')).toEqual({ min: 900_000, max: 7_200_000 });
    expect(parseMaturityMinutes('0.05')).toEqual({ min: 3_000, max: 3_000 });
    expect(parseMaturityMinutes(' ')).toBeUndefined();
    expect(parseMaturityMinutes(undefined)).toBeUndefined();
    for (const bad of ['10-5', 'soon', '-1', '5-']) expect(() => parseMaturityMinutes(bad)).toThrow(/token maturity/);
    expect(timingWith(undefined)).toBe(DEFAULT_TIMING);
    expect(timingWith({ min: 0, max: 0 }).refillJitterMs).toEqual(DEFAULT_TIMING.refillJitterMs);
  });

  it('refuses a write while every token is maturing, saying when it can go, and spends nothing', async () => {
    const store = new MemoryStore();
    await store.addTokens([
      { ...token('acme', 'post', 'x'), matureAt: at(30) },
      { ...token('acme', 'post', 'y'), matureAt: at(30) },
    ]);
    let sent = 0;
    const write = async () => ++sent;
    const e = await withToken(store, 'acme', 'post', write, { now: NOW }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'NOT_MATURE', details: { availableAt: at(30) } });
    expect([sent, store.tokens.length]).toEqual([0, 2]);
    await withToken(store, 'acme', 'post', write, { now: new Date(at(30)) });
    expect([sent, store.tokens.length]).toEqual([1, 1]);
  });

  it('refuses an ARC presentation before its credential matured', async () => {
    const store = new MemoryStore();
    await store.putArcCredential({
      company: 'acme',
      companyId: 'c',
      period: 7,
      keyId: 'k',
      publicKey: '',
      issuerName: 'unlinked.example',
      credential: '',
      matureAt: at(45),
    });
    const arc = { company: 'acme', period: 7, action: 'vote' as const, subject: 'thread:x', mark: 'vote:thread:x' };
    const e = await withArc(store, arc, async () => 1, NOW).catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'NOT_MATURE', details: { availableAt: at(45) } });
    expect(store.marks.size).toBe(0);
  });
});
