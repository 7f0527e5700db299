import { Injectable } from '@nestjs/common';
import { buildWWWAuthenticate, type Token } from '@unlinked/privacy-pass';
import type { EntityManager } from 'typeorm';
import { IssuerKeysService, type TokenKind } from '@unlinked/platform';
import { ForumError, ForumErrorCode } from '../forum.errors.js';
import { SpentTokensRepository } from '../repositories/spent-tokens.repository.js';
import { TokenVerifier } from './token-verifier.service.js';

/** A token that verified; spending it is the caller's transaction's job. */
export interface VerifiedRedemption {
  readonly tokenKeyId: Buffer;
  readonly nonce: Buffer;
  /** When the key stops redeeming (end of the epoch after its own); the spent row is pruned then. */
  readonly expiresAt: Date;
}

/**
 * The Origin role (RFC 9576 §3): verifies a token against the current and
 * previous epoch keys of one company and kind, then spends it inside the
 * caller's transaction (privacy rule 3).
 */
@Injectable()
export class TokenRedemptionService {
  constructor(
    private readonly keys: IssuerKeysService,
    private readonly spentTokens: SpentTokensRepository,
    private readonly verifier: TokenVerifier,
  ) {}

  /**
   * Pure check, no write: a refused request never burns a token. A missing or
   * refused token is answered with the challenge to pay with (RFC 9577 §2.1):
   * 401 with `WWW-Authenticate: PrivateToken challenge=…, token-key=…`. The
   * curve arithmetic runs in the verifier's worker threads.
   */
  async verify(
    token: Token | null,
    company: { id: string; slug: string },
    kind: TokenKind,
    now = new Date(),
  ): Promise<VerifiedRedemption> {
    if (!token) throw new ForumError(ForumErrorCode.TokenRequired).withChallenge(this.challenge(company, kind, now));
    const challenge = this.keys.redeemableChallenge(company.slug, kind, token.challengeDigest);
    const keys = this.keys.redeemableKeys(company.id, kind, now);
    const outcome = await this.verifier.verify({
      kind: 'voprf',
      token: token.serialize(),
      challenge: challenge.serialize(),
      keys: keys.map((k) => ({ secretKey: k.secretKey, publicKey: k.publicKey })),
    });
    if (!outcome.ok || outcome.keyIndex === undefined) {
      throw new ForumError(ForumErrorCode.TokenInvalid).withChallenge(this.challenge(company, kind, now));
    }
    return {
      tokenKeyId: Buffer.from(token.tokenKeyId),
      nonce: Buffer.from(token.nonce),
      expiresAt: this.keys.epochEnd(keys[outcome.keyIndex].epoch + 1),
    };
  }

  /** The WWW-Authenticate value of (company, kind): its challenge and the current key (RFC 9577 §2.1). */
  challenge(company: { id: string; slug: string }, kind: TokenKind, now = new Date()): string {
    return buildWWWAuthenticate({
      challenge: this.keys.challengeFor(company.slug, kind),
      tokenKey: this.keys.currentKey(company.id, kind, now).publicKey,
    });
  }

  /**
   * Inserts (token key id, nonce); the primary key makes exactly one of any
   * number of concurrent spends succeed. Call first in the transaction that
   * writes the content, so a loser writes nothing.
   */
  async spend(manager: EntityManager, redemption: VerifiedRedemption): Promise<void> {
    const spent = await this.spentTokens.insert(manager, {
      tokenKeyId: redemption.tokenKeyId,
      nonce: redemption.nonce,
      expiresAt: redemption.expiresAt,
    });
    if (!spent) throw new ForumError(ForumErrorCode.TokenAlreadyUsed);
  }
}
