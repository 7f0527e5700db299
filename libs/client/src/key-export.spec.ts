import { describe, expect, it } from '@jest/globals';
import { newAuthorKey, b64u } from './authorship.js';
import { errorKey } from './errors.js';
import {
  exportAuthorKeys,
  importAuthorKeys,
  KEY_EXPORT_SCRYPT,
  KeyExportErrorCode,
  mergeAuthorKeys,
  readAuthorKeys,
  type AuthorKeys,
} from './key-export.js';
import type { MyPost } from './storage.js';
import { MemoryStore } from './testing.spec-helper.js';

/** The smallest cost a file may ask for, so the specs stay fast; files are written with KEY_EXPORT_SCRYPT. */
const FAST = { scrypt: { N: 2 ** 14, r: 8, p: 1 } };
const PASS = 'correct horse battery staple';

function post(id: string, revision = 1): MyPost {
  const k = newAuthorKey();
  return {
    id,
    kind: 'thread',
    company: 'acme',
    threadId: id,
    title: 'A title',
    body: 'A body 你好',
    secretKey: b64u(k.secretKey),
    revision,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

function keys(): AuthorKeys {
  const k = newAuthorKey();
  return {
    threadKeys: [{ threadId: 't-1', secretKey: b64u(k.secretKey), publicKey: b64u(k.publicKey) }],
    posts: [post('t-1'), post('t-2')],
  };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'resolved',
    (e: unknown) => (e as { code?: string }).code ?? String(e),
  );
}

describe('author-key export', () => {
  it('round-trips the keys and posts under a passphrase, and reveals none of them in the file', async () => {
    const original = keys();
    const file = await exportAuthorKeys(original, PASS, FAST);
    expect(await importAuthorKeys(file, PASS)).toEqual(original);
    const parsed = JSON.parse(file) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['check', 'cipher', 'ciphertext', 'format', 'kdf', 'version']);
    expect(parsed).toMatchObject({ format: 'unlinked-author-keys', version: 1, kdf: { name: 'scrypt', N: 2 ** 14 } });
    for (const secret of [original.threadKeys[0].secretKey, original.posts[0].secretKey, 't-1', 'A body'])
      expect(file).not.toContain(secret);
  });

  it('writes files with scrypt N=2^17, r=8, p=1 by default, and a fresh salt and iv each time', async () => {
    expect(KEY_EXPORT_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const a = JSON.parse(await exportAuthorKeys(keys(), PASS, FAST));
    const b = JSON.parse(await exportAuthorKeys(keys(), PASS, FAST));
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.cipher.iv).not.toBe(b.cipher.iv);
  });

  it('normalises the passphrase (NFC), so the same words typed on another device open the file', async () => {
    const file = await exportAuthorKeys(keys(), 'caf\u00e9 au lait', FAST);
    await expect(importAuthorKeys(file, 'cafe\u0301 au lait')).resolves.toBeDefined();
  });

  it('refuses a wrong passphrase with its own code and message key', async () => {
    const file = await exportAuthorKeys(keys(), PASS, FAST);
    expect(await codeOf(importAuthorKeys(file, 'correct horse battery stapler'))).toBe(
      KeyExportErrorCode.WrongPassphrase,
    );
    const err = await importAuthorKeys(file, 'nope nope nope').catch((e: unknown) => e);
    expect(errorKey(err)).toBe('errors.KEY_EXPORT_WRONG_PASSPHRASE');
  });

  it('refuses a damaged file: flipped ciphertext, changed header, cut, not JSON, another format', async () => {
    const file = await exportAuthorKeys(keys(), PASS, FAST);
    const parsed = JSON.parse(file);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const variants: string[] = [
      JSON.stringify({ ...parsed, ciphertext: flip(parsed.ciphertext, 10) }),
      JSON.stringify({ ...parsed, cipher: { ...parsed.cipher, iv: flip(parsed.cipher.iv, 3) } }),
      JSON.stringify({ ...parsed, ciphertext: parsed.ciphertext.slice(0, 10) }),
      JSON.stringify({ ...parsed, kdf: { ...parsed.kdf, N: 3 } }),
      JSON.stringify({ ...parsed, kdf: { ...parsed.kdf, N: 2 ** 30 } }),
      JSON.stringify({ ...parsed, check: 'short' }),
      JSON.stringify({ ...parsed, format: 'something-else' }),
      file.slice(0, file.length / 2),
      'not json at all',
      '[]',
      'null',
    ];
    for (const v of variants)
      expect([v.slice(0, 60), await codeOf(importAuthorKeys(v, PASS))]).toEqual([
        v.slice(0, 60),
        KeyExportErrorCode.Damaged,
      ]);
  });

  it('says a file from a newer version needs a newer app', async () => {
    const parsed = JSON.parse(await exportAuthorKeys(keys(), PASS, FAST));
    expect(await codeOf(importAuthorKeys(JSON.stringify({ ...parsed, version: 2 }), PASS))).toBe(
      KeyExportErrorCode.UnsupportedVersion,
    );
  });

  it('refuses to write a file under a short passphrase', async () => {
    expect(await codeOf(exportAuthorKeys(keys(), 'short', FAST))).toBe(KeyExportErrorCode.WeakPassphrase);
  });

  it('merges into a keyring: new posts and keys added, a held thread key kept, the later revision wins', async () => {
    const source = new MemoryStore();
    const exported = keys();
    for (const k of exported.threadKeys) await source.putThreadKey(k);
    for (const p of exported.posts) await source.putPost(p);
    const file = await exportAuthorKeys(await readAuthorKeys(source), PASS, FAST);

    const target = new MemoryStore();
    const local = newAuthorKey();
    const heldKey = { threadId: 't-1', secretKey: b64u(local.secretKey), publicKey: b64u(local.publicKey) };
    await target.putThreadKey(heldKey);
    const newer = { ...exported.posts[1], body: 'edited here', revision: 3 };
    await target.putPost(newer);

    expect(await mergeAuthorKeys(target, await importAuthorKeys(file, PASS))).toEqual({ posts: 1, threadKeys: 0 });
    expect(await target.getThreadKey('t-1')).toEqual(heldKey);
    expect(target.posts.get('t-1')).toEqual(exported.posts[0]);
    expect(target.posts.get('t-2')).toEqual(newer);
  });
});
