/**
 * Author-key export (privacy rule 10: the keys that edit or delete one's posts
 * live only with the author). Before a browser forgets them at sign-out, the
 * author can save them in a file sealed with a passphrase and open it in
 * another browser or the CLI.
 *
 * Format, version 1 (JSON, UTF-8):
 *
 *   { "format": "unlinked-author-keys", "version": 1,
 *     "kdf": { "name": "scrypt", "N": 131072, "r": 8, "p": 1, "salt": b64u(16) },
 *     "cipher": { "name": "AES-256-GCM", "iv": b64u(12) },
 *     "check": b64u(16), "ciphertext": b64u(...) }
 *
 * - scrypt (RFC 7914, @noble/hashes) over the NFC-normalised passphrase gives
 *   64 bytes: the first 32 are the AES-256-GCM key (WebCrypto), the last 32
 *   hash (SHA-256, first 16 bytes) to `check`, which tells a wrong passphrase
 *   from a damaged file. Testing a guess against `check` costs one scrypt, as
 *   testing it against the ciphertext would.
 * - The header (every field but `ciphertext`, in the order above) is the
 *   GCM additional data: changing a parameter fails decryption.
 * - The plaintext is JSON `{ threadKeys, posts }`; the header reveals nothing
 *   about how many posts there are or where.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { b64u } from './authorship.js';
import type { AuthorStore, MyPost, ThreadKey } from './storage.js';
import { decodeKey } from './write-flows.js';

export const KEY_EXPORT_FORMAT = 'unlinked-author-keys';
export const KEY_EXPORT_VERSION = 1;
/** scrypt cost of new files: N = 2^17, r = 8, p = 1 (128 MiB, about a second), OWASP's recommendation. */
export const KEY_EXPORT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
/** Shortest passphrase accepted for a new file. */
export const MIN_PASSPHRASE_LENGTH = 8;
/** Largest cost a file may ask for (memory 128·N·r bytes): a file cannot make the reader allocate more than 1 GiB. */
const MAX_SCRYPT_MEMORY = 2 ** 30;
const MIN_SCRYPT_N = 2 ** 14;

export enum KeyExportErrorCode {
  /** The passphrase does not open this file. */
  WrongPassphrase = 'KEY_EXPORT_WRONG_PASSPHRASE',
  /** Not an export, or an export that was cut or changed. */
  Damaged = 'KEY_EXPORT_DAMAGED',
  /** Written by a newer version of the app. */
  UnsupportedVersion = 'KEY_EXPORT_UNSUPPORTED_VERSION',
  /** A new file needs a longer passphrase. */
  WeakPassphrase = 'KEY_EXPORT_WEAK_PASSPHRASE',
}

/** Carries a stable `code` like ApiError, so `errorKey` gives the apps a message for it. */
export class KeyExportError extends Error {
  constructor(readonly code: KeyExportErrorCode) {
    super(code);
    this.name = 'KeyExportError';
  }
}

/** What an export holds: the per-thread keys and the author's own posts (each with its key). */
export interface AuthorKeys {
  threadKeys: ThreadKey[];
  posts: MyPost[];
}

/** A store the keys can be read from and merged into (the web app's IndexedDB, the CLI's wallet file). */
export interface AuthorKeyring extends AuthorStore {
  listThreadKeys(): Promise<ThreadKey[]>;
  listPosts(): Promise<MyPost[]>;
}

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

interface Header {
  format: typeof KEY_EXPORT_FORMAT;
  version: number;
  kdf: ScryptParams & { name: 'scrypt'; salt: string };
  cipher: { name: 'AES-256-GCM'; iv: string };
  check: string;
}

const damaged = () => new KeyExportError(KeyExportErrorCode.Damaged);

function random(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** The header's canonical bytes (fixed key order), authenticated as GCM additional data. */
function headerBytes(h: Header): Uint8Array<ArrayBuffer> {
  const canonical = {
    format: h.format,
    version: h.version,
    kdf: { name: h.kdf.name, N: h.kdf.N, r: h.kdf.r, p: h.kdf.p, salt: h.kdf.salt },
    cipher: { name: h.cipher.name, iv: h.cipher.iv },
    check: h.check,
  };
  return new TextEncoder().encode(JSON.stringify(canonical));
}

async function deriveKeys(
  passphrase: string,
  salt: Uint8Array,
  params: ScryptParams,
): Promise<{ key: CryptoKey; check: string }> {
  const out = await scryptAsync(new TextEncoder().encode(passphrase.normalize('NFC')), salt, {
    ...params,
    dkLen: 64,
  });
  const key = await crypto.subtle.importKey('raw', out.slice(0, 32), 'AES-GCM', false, ['encrypt', 'decrypt']);
  const check = b64u(sha256(out.subarray(32)).subarray(0, 16));
  out.fill(0);
  return { key, check };
}

/**
 * Seals the author keys under a passphrase. `scrypt` is for tests only: files
 * are written with KEY_EXPORT_SCRYPT.
 */
export async function exportAuthorKeys(
  keys: AuthorKeys,
  passphrase: string,
  options: { scrypt?: ScryptParams } = {},
): Promise<string> {
  if (passphrase.normalize('NFC').length < MIN_PASSPHRASE_LENGTH) {
    throw new KeyExportError(KeyExportErrorCode.WeakPassphrase);
  }
  const params = options.scrypt ?? KEY_EXPORT_SCRYPT;
  const salt = random(16);
  const iv = random(12);
  const { key, check } = await deriveKeys(passphrase, salt, params);
  const header: Header = {
    format: KEY_EXPORT_FORMAT,
    version: KEY_EXPORT_VERSION,
    kdf: { name: 'scrypt', ...params, salt: b64u(salt) },
    cipher: { name: 'AES-256-GCM', iv: b64u(iv) },
    check,
  };
  const plaintext = new TextEncoder().encode(JSON.stringify({ threadKeys: keys.threadKeys, posts: keys.posts }));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: headerBytes(header) },
    key,
    plaintext,
  );
  return `${JSON.stringify({ ...header, ciphertext: b64u(new Uint8Array(sealed)) }, null, 2)}\n`;
}

function bytes(value: unknown, length?: number): Uint8Array<ArrayBuffer> {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*$/.test(value)) throw damaged();
  let out: Uint8Array;
  try {
    out = decodeKey(value);
  } catch {
    throw damaged();
  }
  if (length !== undefined && out.length !== length) throw damaged();
  return new Uint8Array(out);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a file's header; every malformed or out-of-range field is Damaged, a newer version UnsupportedVersion. */
function parseFile(text: string): { header: Header; ciphertext: Uint8Array<ArrayBuffer> } {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw damaged();
  }
  if (!isObject(file) || file.format !== KEY_EXPORT_FORMAT) throw damaged();
  if (file.version !== KEY_EXPORT_VERSION) {
    if (Number.isInteger(file.version) && (file.version as number) > KEY_EXPORT_VERSION) {
      throw new KeyExportError(KeyExportErrorCode.UnsupportedVersion);
    }
    throw damaged();
  }
  const { kdf, cipher } = file;
  if (!isObject(kdf) || kdf.name !== 'scrypt' || !isObject(cipher) || cipher.name !== 'AES-256-GCM') throw damaged();
  const { N, r, p } = kdf;
  const integer = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
  if (!integer(N) || !integer(r) || !integer(p) || N < MIN_SCRYPT_N || (N & (N - 1)) !== 0) throw damaged();
  if (128 * N * r > MAX_SCRYPT_MEMORY || p > 16) throw damaged();
  bytes(kdf.salt, 16);
  bytes(cipher.iv, 12);
  bytes(file.check, 16);
  const ciphertext = bytes(file.ciphertext);
  if (ciphertext.length < 16) throw damaged();
  const header: Header = {
    format: KEY_EXPORT_FORMAT,
    version: KEY_EXPORT_VERSION,
    kdf: { name: 'scrypt', N, r, p, salt: kdf.salt as string },
    cipher: { name: 'AES-256-GCM', iv: cipher.iv as string },
    check: file.check as string,
  };
  return { header, ciphertext };
}

function validKeys(value: unknown): AuthorKeys {
  if (!isObject(value) || !Array.isArray(value.threadKeys) || !Array.isArray(value.posts)) throw damaged();
  const threadKeys = value.threadKeys.filter(
    (k): k is ThreadKey =>
      isObject(k) &&
      typeof k.threadId === 'string' &&
      typeof k.secretKey === 'string' &&
      typeof k.publicKey === 'string',
  );
  const posts = value.posts.filter(
    (p): p is MyPost =>
      isObject(p) &&
      typeof p.id === 'string' &&
      typeof p.kind === 'string' &&
      ['thread', 'reply', 'review', 'salary', 'interview'].includes(p.kind) &&
      typeof p.secretKey === 'string' &&
      typeof p.company === 'string',
  );
  if (threadKeys.length !== value.threadKeys.length || posts.length !== value.posts.length) throw damaged();
  return { threadKeys, posts };
}

/** Opens an export. Throws KeyExportError: WrongPassphrase, Damaged or UnsupportedVersion. */
export async function importAuthorKeys(file: string, passphrase: string): Promise<AuthorKeys> {
  const { header, ciphertext } = parseFile(file);
  const { key, check } = await deriveKeys(passphrase, bytes(header.kdf.salt), header.kdf);
  if (check !== header.check) throw new KeyExportError(KeyExportErrorCode.WrongPassphrase);
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes(header.cipher.iv), additionalData: headerBytes(header) },
      key,
      ciphertext,
    );
  } catch {
    // The passphrase is right (check matched): the ciphertext or the header was changed.
    throw damaged();
  }
  try {
    return validKeys(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext)));
  } catch (e) {
    throw e instanceof KeyExportError ? e : damaged();
  }
}

/** Everything a keyring holds, for exportAuthorKeys. */
export async function readAuthorKeys(store: AuthorKeyring): Promise<AuthorKeys> {
  const [threadKeys, posts] = await Promise.all([store.listThreadKeys(), store.listPosts()]);
  return { threadKeys, posts };
}

/**
 * Adds imported keys to a keyring without losing what it has: a thread key
 * this browser already holds for a thread stays (its own replies are signed
 * with it; each post carries its own key anyway), and of two copies of a post
 * the later revision wins. Returns how many posts and keys were new.
 */
export async function mergeAuthorKeys(
  store: AuthorKeyring,
  keys: AuthorKeys,
): Promise<{ posts: number; threadKeys: number }> {
  let threadKeys = 0;
  for (const k of keys.threadKeys) {
    if (await store.getThreadKey(k.threadId)) continue;
    await store.putThreadKey(k);
    threadKeys++;
  }
  const mine = new Map((await store.listPosts()).map((p) => [p.id, p]));
  let posts = 0;
  for (const p of keys.posts) {
    const have = mine.get(p.id);
    if (have && have.revision >= p.revision) continue;
    await store.putPost(p);
    if (!have) posts++;
  }
  return { posts, threadKeys };
}
