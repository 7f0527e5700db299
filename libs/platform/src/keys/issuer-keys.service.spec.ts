import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@unlinked/config';
import { Client, Issuer, Origin, TokenChallenge, tokenKeyId } from '@unlinked/privacy-pass';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IssuerKeysService, TokenKind } from './issuer-keys.service.js';

const SEED = 'ab'.repeat(32);

function service(overrides: Record<string, string> = {}): IssuerKeysService {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'keys-')),
    ISSUER_MASTER_SEED: SEED,
    EMAIL_PEPPER: 'cd'.repeat(32),
    SESSION_SECRET: 'ef'.repeat(32),
    PUBLIC_URL: 'https://unlinked.example',
    ...overrides,
  });
  return new IssuerKeysService(config);
}

const DAY = 86_400_000;

describe('IssuerKeysService', () => {
  it('numbers epochs from Unix time 0 in EPOCH_DAYS steps', () => {
    const keys = service({ EPOCH_DAYS: '30' });
    expect(keys.epochAt(new Date(0))).toBe(0);
    expect(keys.epochAt(new Date(30 * DAY - 1))).toBe(0);
    expect(keys.epochAt(new Date(30 * DAY))).toBe(1);
    expect(keys.epochStart(2).getTime()).toBe(60 * DAY);
    expect(keys.epochEnd(2).getTime()).toBe(90 * DAY);
    const now = new Date();
    const e = keys.epochAt(now);
    expect(keys.epochStart(e).getTime()).toBeLessThanOrEqual(now.getTime());
    expect(keys.epochEnd(e).getTime()).toBeGreaterThan(now.getTime());
    expect(service({ EPOCH_DAYS: '7' }).epochAt(new Date(7 * DAY))).toBe(1);
  });

  it('derives the same key on every instance, distinct per company, kind and epoch', () => {
    const a = service();
    const b = service();
    const k = a.keyFor('company-1', TokenKind.Post, 700);
    expect(b.keyFor('company-1', TokenKind.Post, 700).publicKey).toEqual(k.publicKey);
    expect(a.keyFor('company-1', TokenKind.Post, 700)).toBe(k); // cached
    expect(k.tokenKeyId).toHaveLength(32);
    expect(k.tokenKeyId).toEqual(tokenKeyId(k.publicKey));
    expect(k.truncatedTokenKeyId).toBe(k.tokenKeyId[31]);
    expect(k.notBefore).toBe((700 * 30 * DAY) / 1000);
    const others = [a.keyFor('company-2', TokenKind.Post, 700), a.keyFor('company-1', TokenKind.Post, 701)];
    for (const o of others) expect(Buffer.from(o.publicKey).equals(Buffer.from(k.publicKey))).toBe(false);
    const otherSeed = service({ ISSUER_MASTER_SEED: '12'.repeat(32) }).keyFor('company-1', TokenKind.Post, 700);
    expect(Buffer.from(otherSeed.publicKey).equals(Buffer.from(k.publicKey))).toBe(false);
  });

  it('redeems with the current and the previous epoch key only, with distinct truncated ids', () => {
    const keys = service();
    const now = new Date(100 * 30 * DAY + 5);
    const redeemable = keys.redeemableKeys('c', TokenKind.Post, now);
    expect(redeemable.map((k) => k.epoch)).toEqual([100, 99]);
    expect(redeemable[0].truncatedTokenKeyId).not.toBe(redeemable[1].truncatedTokenKeyId);
    expect(keys.isRedeemableEpoch(98, now)).toBe(false);
    expect(keys.isRedeemableEpoch(99, now)).toBe(true);
    expect(keys.redeemableKeys('c', TokenKind.Post, new Date(1)).map((k) => k.epoch)).toEqual([0]);
  });

  it('publishes a per-company, per-kind challenge that round-trips (RFC 9577 §2.1)', () => {
    const keys = service({ PUBLIC_URL: 'https://unlinked.example:8443/' });
    const c = keys.challengeFor('acme', TokenKind.Post);
    // RFC 9578 §4: one issuer name (a host of its own) per directory, i.e. per company and kind.
    expect(c.issuerName).toBe('acme.post.issuer.unlinked.example:8443');
    expect(c.redemptionContext).toHaveLength(0);
    // RFC 9577 §2.1.1: a non-empty origin_info names the origin.
    expect(c.originInfo).toEqual(['unlinked.example:8443']);
    expect(c.admitsOrigin('unlinked.example:8443')).toBe(true);
    expect(TokenChallenge.deserialize(c.serialize()).serialize()).toEqual(c.serialize());
    expect(keys.challengeFor('globex', TokenKind.Post).serialize()).not.toEqual(c.serialize());
    expect(keys.issuerUrlFor('acme', TokenKind.Post)).toBe('https://acme.post.issuer.unlinked.example:8443');
  });

  it('maps issuer host names back to (company, kind) and nothing else', () => {
    const keys = service({ PUBLIC_URL: 'http://localhost:3000' });
    expect(keys.issuerAt('baidu.post.issuer.localhost:3000')).toEqual({ companySlug: 'baidu', kind: TokenKind.Post });
    expect(keys.issuerAt('Acme-Widgets.Post.Issuer.LOCALHOST:3000')).toEqual({
      companySlug: 'acme-widgets',
      kind: TokenKind.Post,
    });
    for (const host of [
      undefined,
      'localhost:3000',
      'issuer.localhost:3000',
      'post.issuer.localhost:3000',
      'baidu.post.issuer.localhost:3001',
      'post.baidu.issuer.localhost:3000',
      'baidu.post.issuer.localhost',
      'baidu.likes.issuer.localhost:3000',
      // Votes, flags and reviews are paid with ARC credentials: no review or reaction issuers.
      'baidu.review.issuer.localhost:3000',
      'baidu.reaction.issuer.localhost:3000',
      'x.baidu.post.issuer.localhost:3000',
      'bai_du.post.issuer.localhost:3000',
      'baidu.post.issuer.evil.example',
    ]) {
      expect(keys.issuerAt(host)).toBeNull();
    }
  });

  it('redeems tokens of the former challenge (issuer name = origin) until their keys retire, each at its own board only', () => {
    const keys = service({ PUBLIC_URL: 'https://unlinked.example' });
    const key = keys.keyFor('acme-id', TokenKind.Post, 7);
    const legacy = new TokenChallenge({ issuerName: 'unlinked.example', originInfo: ['post.acme.unlinked.example'] });
    const client = new Client();
    const { request, state } = client.createTokenRequest(legacy, key.publicKey);
    const token = client.finalize(new Issuer(key).evaluate(request), state);
    const picked = keys.redeemableChallenge('acme', TokenKind.Post, token.challengeDigest);
    expect(picked.serialize()).toEqual(legacy.serialize());
    expect(new Origin().verify(token, picked, [key]).key.epoch).toBe(7);
    // Another board picks its own challenges, which the token does not match.
    const other = keys.redeemableChallenge('globex', TokenKind.Post, token.challengeDigest);
    expect(() => new Origin().verify(token, other, [key])).toThrow(/challenge/);
    const current = keys.challengeFor('acme', TokenKind.Post);
    expect(keys.redeemableChallenge('acme', TokenKind.Post, current.digest())).toBe(current);
  });

  it('issues tokens that the origin verifies with redeemable keys and rejects after retirement', () => {
    const keys = service();
    const now = new Date(50 * 30 * DAY + 1000);
    const key = keys.keyFor('acme-id', TokenKind.Post, keys.epochAt(now));
    const challenge = keys.challengeFor('acme', TokenKind.Post);
    const client = new Client();
    const { request, state } = client.createTokenRequest(challenge, key.publicKey);
    const token = client.finalize(new Issuer(key).evaluate(request), state);
    const origin = new Origin();
    expect(origin.verify(token, challenge, keys.redeemableKeys('acme-id', TokenKind.Post, now)).key.epoch).toBe(50);
    const nextEpoch = new Date(51 * 30 * DAY + 1);
    expect(origin.verify(token, challenge, keys.redeemableKeys('acme-id', TokenKind.Post, nextEpoch)).key.epoch).toBe(
      50,
    );
    const retired = new Date(52 * 30 * DAY + 1);
    expect(() => origin.verify(token, challenge, keys.redeemableKeys('acme-id', TokenKind.Post, retired))).toThrow(
      /redeemable/,
    );
    expect(() => origin.verify(token, keys.challengeFor('globex', TokenKind.Post), [key])).toThrow(/challenge/);
  });
});
