import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@unlinked/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArcAction, ArcKeysService, arcRedemptionContext } from './arc-keys.service.js';

function service(overrides: Record<string, string> = {}): ArcKeysService {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'arc-keys-')),
    ISSUER_MASTER_SEED: 'ab'.repeat(32),
    EMAIL_PEPPER: 'cd'.repeat(32),
    SESSION_SECRET: 'ef'.repeat(32),
    PUBLIC_URL: 'https://unlinked.example',
    ...overrides,
  });
  return new ArcKeysService(config);
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('ArcKeysService', () => {
  it('periods are VERIFICATION_MONTHS calendar months from January 1970 (12: calendar years)', () => {
    const keys = service();
    expect(keys.periodAt(new Date(Date.UTC(1970, 0, 1)))).toBe(0);
    expect(keys.periodAt(new Date(Date.UTC(2026, 11, 31, 23, 59, 59)))).toBe(56);
    expect(keys.periodAt(new Date(Date.UTC(2027, 0, 1)))).toBe(57);
    expect(keys.periodStart(57).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(keys.periodEnd(56).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(keys.retiresAt(56).toISOString()).toBe('2028-01-01T00:00:00.000Z');
    const six = service({ VERIFICATION_MONTHS: '6' });
    expect(six.periodAt(new Date(Date.UTC(2026, 6, 1)))).toBe(113);
    expect(six.periodStart(113).toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });

  it('derives the same key for (company, period) on every instance; other company or period, other key', () => {
    const a = service().keyFor('c1', 56);
    const b = service().keyFor('c1', 56);
    expect(hex(a.publicKey.serialize())).toBe(hex(b.publicKey.serialize()));
    expect(hex(a.keyId)).toBe(hex(b.keyId));
    expect(hex(service().keyFor('c2', 56).keyId)).not.toBe(hex(a.keyId));
    expect(hex(service().keyFor('c1', 57).keyId)).not.toBe(hex(a.keyId));
    expect(hex(service({ ISSUER_MASTER_SEED: '12'.repeat(32) }).keyFor('c1', 56).keyId)).not.toBe(hex(a.keyId));
    expect(a.notBefore).toBe(Date.UTC(2026, 0, 1) / 1000);
  });

  it('the two live keys never share a truncated key id (period parity)', () => {
    const keys = service();
    for (let p = 50; p < 60; p++) expect(keys.keyFor('c1', p).truncatedKeyId & 1).toBe(p & 1);
    const [current, previous] = keys.liveKeys('c1', new Date(Date.UTC(2026, 5, 1)));
    expect(current.period).toBe(56);
    expect(previous.period).toBe(55);
    expect(keys.isLivePeriod(55, new Date(Date.UTC(2026, 5, 1)))).toBe(true);
    expect(keys.isLivePeriod(54, new Date(Date.UTC(2026, 5, 1)))).toBe(false);
  });

  it('redemption contexts are 32 bytes and differ per action and subject', () => {
    const ids = new Set(
      [
        arcRedemptionContext(ArcAction.Vote, 'x'),
        arcRedemptionContext(ArcAction.Flag, 'x'),
        arcRedemptionContext(ArcAction.Vote, 'y'),
        arcRedemptionContext(ArcAction.Review, 'x'),
      ].map(hex),
    );
    expect(ids.size).toBe(4);
    const c = service().challengeFor('acme', ArcAction.Vote, 'x');
    expect(c.redemptionContext.length).toBe(32);
    // RFC 9577 §2.1.1 / RFC 9578 §4, as the VOPRF issuers: the origin's own name, an issuer name per company.
    expect(c.issuerName).toBe('acme.arc.issuer.unlinked.example');
    expect(c.originInfo).toEqual(['unlinked.example']);
    const legacy = service().legacyChallengeFor('acme', ArcAction.Vote, 'x');
    expect([legacy.issuerName, legacy.originInfo]).toEqual(['unlinked.example', ['arc.acme.unlinked.example']]);
    expect(service().challengeMatching('acme', ArcAction.Vote, 'x', legacy.digest()).digest()).toEqual(legacy.digest());
    expect(service().challengeMatching('acme', ArcAction.Vote, 'x', c.digest()).digest()).toEqual(c.digest());
    expect(service().challengeMatching('acme', ArcAction.Vote, 'x', new Uint8Array(32)).digest()).toEqual(c.digest());
    // Issuance and every presentation share the request context (one credential for all contexts).
    const key = service().keyFor('c1', 56).keyId;
    expect(hex(c.requestContext(key))).toBe(hex(service().challengeFor('acme', null).requestContext(key)));
  });
});
