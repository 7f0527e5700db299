import { describe, expect, it } from '@jest/globals';
import { ed25519 } from '@noble/curves/ed25519.js';
import { ForumErrorCode } from '../forum.errors.js';
import { threadHandle } from './handle.js';
import { parseAuthorKey, signAuthorship, signedMessage, verifyAuthorship } from './signed-message.js';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');

describe('signed message', () => {
  it('is injective: moving bytes between fields changes the message', () => {
    const a = signedMessage('create-thread', ['acme', '', 'ab', 'c']);
    const b = signedMessage('create-thread', ['acme', '', 'a', 'bc']);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a.subarray(0, 23)).toString()).toBe('unlinked/authorship/v1\u0000');
  });

  it('verifies the author and refuses other keys, other content and other operations', () => {
    const secret = ed25519.utils.randomSecretKey();
    const key = parseAuthorKey(b64(ed25519.getPublicKey(secret)));
    const sig = signAuthorship(secret, 'create-thread', ['acme', '', 'Title', 'Body']);
    expect(() => verifyAuthorship(key, sig, 'create-thread', ['acme', '', 'Title', 'Body'])).not.toThrow();
    const bad = expect.objectContaining({
      code: ForumErrorCode.SignatureInvalid,
    });
    expect(() => verifyAuthorship(key, sig, 'create-thread', ['acme', '', 'Title', 'Body!'])).toThrow(bad);
    expect(() => verifyAuthorship(key, sig, 'edit-thread', ['acme', '', 'Title', 'Body'])).toThrow(bad);
    const other = ed25519.getPublicKey(ed25519.utils.randomSecretKey());
    expect(() => verifyAuthorship(other, sig, 'create-thread', ['acme', '', 'Title', 'Body'])).toThrow(bad);
    expect(() => verifyAuthorship(key, 'not-a-signature', 'create-thread', [])).toThrow(bad);
  });

  it('refuses malformed author keys', () => {
    expect(() => parseAuthorKey('abc')).toThrow(expect.objectContaining({ code: ForumErrorCode.AuthorKeyInvalid }));
  });

  it('gives one key a different handle in every thread, stable within a thread', () => {
    const key = ed25519.getPublicKey(ed25519.utils.randomSecretKey());
    const t1 = '2b1f2e0a-0000-4000-8000-000000000001';
    const t2 = '2b1f2e0a-0000-4000-8000-000000000002';
    expect(threadHandle(t1, key)).toBe(threadHandle(t1, key));
    expect(threadHandle(t1, key)).not.toBe(threadHandle(t2, key));
    expect(threadHandle(t1, key)).toMatch(/^[a-z]+-[a-z]+-[0-9a-f]{4}$/);
  });
});
