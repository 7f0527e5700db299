import type { TokenKind as LibTokenKind } from '@unlinked/privacy-pass';

/** The three token kinds; each has its own key per company per epoch. */
export enum TokenKind {
  /** Threads and replies. */
  Post = 'post',
  /** One review per account per company per 12 months. */
  Review = 'review',
  /** Votes and flags. */
  Reaction = 'reaction',
}

export const TOKEN_KINDS: readonly TokenKind[] = Object.values(TokenKind);

export function isTokenKind(value: unknown): value is TokenKind {
  return typeof value === 'string' && (TOKEN_KINDS as readonly string[]).includes(value);
}

// The enum values must stay those of the library's key derivation (KeyInfo kind codes).
const _check: Record<TokenKind, LibTokenKind> = {
  post: 'post',
  review: 'review',
  reaction: 'reaction',
};
void _check;
