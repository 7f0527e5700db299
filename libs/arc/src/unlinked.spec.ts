import { describe, expect, it } from '@jest/globals';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  arcChallenge,
  arcItemSubject,
  arcPeriodAt,
  arcPeriodOfNotBefore,
  arcPeriodStart,
  arcRedemptionContext,
} from './unlinked.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe("Unlinked's ARC profile (shared by server and clients)", () => {
  it('redemption context = SHA-256("unlinked/arc-context/v1" 0x00 "<action>:<subject>")', () => {
    const expected = sha256(new TextEncoder().encode('unlinked/arc-context/v1\u0000vote:thread:abc'));
    expect(hex(arcRedemptionContext('vote', 'thread:abc'))).toBe(hex(expected));
    expect(arcItemSubject('thread', 'ABC-1')).toBe('thread:abc-1');
  });

  it('challenges: per company origin, empty redemption context for issuance, 32 bytes per context', () => {
    const issuance = arcChallenge({ issuerName: 'api.example:8443', companySlug: 'acme', action: null });
    expect(issuance.originInfo).toEqual(['arc.acme.api.example:8443']);
    expect(issuance.redemptionContext.length).toBe(0);
    const vote = arcChallenge({ issuerName: 'api.example:8443', companySlug: 'acme', action: 'vote', subject: 'x' });
    expect(hex(vote.redemptionContext)).toBe(hex(arcRedemptionContext('vote', 'x')));
    const keyId = new Uint8Array(32).fill(1);
    // One credential for every context: the request contexts agree, the presentation contexts do not.
    expect(hex(vote.requestContext(keyId))).toBe(hex(issuance.requestContext(keyId)));
    expect(hex(vote.presentationContext(keyId))).not.toBe(hex(issuance.presentationContext(keyId)));
  });

  it('periods are calendar months from 1970; a key not-before maps to its period', () => {
    expect(arcPeriodAt(new Date(Date.UTC(2026, 11, 31, 23)), 12)).toBe(56);
    expect(arcPeriodAt(new Date(Date.UTC(2027, 0, 1)), 12)).toBe(57);
    expect(arcPeriodStart(57, 12).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(arcPeriodOfNotBefore(Date.UTC(2026, 6, 1) / 1000, 6)).toBe(113);
  });
});
