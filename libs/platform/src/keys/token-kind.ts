import type { TokenKind as LibTokenKind } from '@unlinked/privacy-pass';

/**
 * RFC 9578 token kinds; each has its own key per company per epoch. Threads
 * and replies are paid with post tokens; votes, flags and reviews with ARC
 * presentations (issue 11), so the library's review and reaction kinds are
 * no longer issued.
 */
export enum TokenKind {
  /** Threads and replies. */
  Post = 'post',
}

export const TOKEN_KINDS: readonly TokenKind[] = Object.values(TokenKind);

export function isTokenKind(value: unknown): value is TokenKind {
  return typeof value === 'string' && (TOKEN_KINDS as readonly string[]).includes(value);
}

// The enum values must stay those of the library's key derivation (KeyInfo kind codes).
const _check: Record<TokenKind, LibTokenKind> = {
  post: 'post',
};
void _check;
