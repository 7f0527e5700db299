import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Privacy rule 7: the only stored form of an address. */
export function emailHmac(pepper: Uint8Array, normalizedAddress: string): Buffer {
  return createHmac('sha256', pepper).update(normalizedAddress, 'utf8').digest();
}

/** A one-time code of `digits` decimal digits from the CSPRNG. */
export function newCode(digits = 6): string {
  return randomInt(0, 10 ** digits)
    .toString()
    .padStart(digits, '0');
}

/** The stored form of a code, bound to the request (row id) that created it. */
export function codeHash(secret: Uint8Array, requestId: string, code: string): Buffer {
  return createHmac('sha256', secret).update(`code\u0000${requestId}\u0000${code}`, 'utf8').digest();
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A 256-bit opaque session token (base64url) and its stored hash. */
export function newSessionToken(secret: Uint8Array): {
  token: string;
  hash: Buffer;
} {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sessionTokenHash(secret, token) };
}

export function sessionTokenHash(secret: Uint8Array, token: string): Buffer {
  return createHmac('sha256', secret).update(`session\u0000${token}`, 'utf8').digest();
}
