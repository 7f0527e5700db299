/**
 * Deterministic issuer keys: one VOPRF key pair per (company, token kind,
 * epoch), derived from a single master seed with RFC 9497 §3.2.1
 * DeriveKeyPair, so every API instance computes the same keys and no key table
 * has to be stored or synchronised.
 *
 * KeyInfo encoding (TLS presentation language, all integers big-endian):
 *
 *   struct {
 *     opaque label[23] = "PrivacyPass/unlinked/v1";
 *     opaque company_id<1..2^16-1>;   // UTF-8 of companyId, as given
 *     uint8  kind;                    // post = 1, review = 2, reaction = 3
 *     uint32 epoch;                   // 0 .. 2^32-1
 *     uint8  counter;                 // collision counter, see below
 *   } KeyInfo;
 *
 * Fields are length-prefixed or fixed-size, so distinct descriptors can never
 * encode to the same KeyInfo. The label starts with RFC 9578 §5.5's
 * "PrivacyPass" info string and is versioned so a future scheme cannot collide.
 *
 * Truncated key-id collisions (RFC 9578 §5.5: Issuers SHOULD ensure truncated
 * ids of keys in rotation do not collide):
 *
 * 1. deriveTokenKeyPair picks the smallest counter for which the truncated key
 *    id has the same parity (low bit) as the epoch. Keys of consecutive epochs
 *    of the same (company, kind), which are the ones redeemable together
 *    (current + previous), therefore never collide, and each key depends only
 *    on its own descriptor: no coordination, stable as epochs roll.
 * 2. resolveTokenKeySet handles any larger set served by one endpoint at once
 *    (e.g. several kinds): descriptors are sorted by (epoch, companyId bytes,
 *    kind); each keeps its step-1 counter unless its truncated id is already
 *    taken, in which case the counter is bumped (keeping parity) until free.
 *    Because of the parity rule a key's counter only depends on same-epoch
 *    descriptors sorted before it, so sliding the window by one epoch does not
 *    change any surviving key, provided every instance serves the same
 *    (company, kind) set for an epoch.
 */
import { utf8Encode, concatBytes, u16 } from './bytes.js';
import { InputValidationError } from './errors.js';
import { voprf } from './group.js';
import { tokenKeyId, truncateTokenKeyId } from './key-id.js';

export type TokenKind = 'post' | 'review' | 'reaction';

export const TOKEN_KIND_CODES: Readonly<Record<TokenKind, number>> = Object.freeze({ post: 1, review: 2, reaction: 3 });

export const KEY_INFO_LABEL = 'PrivacyPass/unlinked/v1';

/** RFC 9497 §3.2.1: DeriveKeyPair takes seed[32]. */
export const MASTER_SEED_LENGTH = 32;

export interface TokenKeyDescriptor {
  companyId: string;
  kind: TokenKind;
  epoch: number;
}

export interface TokenKeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export interface DerivedTokenKey extends TokenKeyPair {
  descriptor: TokenKeyDescriptor;
  counter: number;
  keyInfo: Uint8Array;
  tokenKeyId: Uint8Array;
  truncatedTokenKeyId: number;
}

function checkSeed(masterSeed: Uint8Array): void {
  if (!(masterSeed instanceof Uint8Array) || masterSeed.length !== MASTER_SEED_LENGTH) {
    throw new InputValidationError(
      'invalid_argument',
      `master seed must be ${MASTER_SEED_LENGTH} bytes (RFC 9497 §3.2.1)`,
    );
  }
}

export function encodeKeyInfo(d: TokenKeyDescriptor, counter: number): Uint8Array {
  if (typeof d.companyId !== 'string' || d.companyId.length === 0) {
    throw new InputValidationError('invalid_argument', 'companyId must be a non-empty string');
  }
  const company = utf8Encode(d.companyId);
  if (company.length > 1024)
    throw new InputValidationError('invalid_argument', 'companyId longer than 1024 UTF-8 bytes');
  const kind = TOKEN_KIND_CODES[d.kind];
  if (kind === undefined || !Object.hasOwn(TOKEN_KIND_CODES, d.kind)) {
    throw new InputValidationError('invalid_argument', `unknown token kind ${String(d.kind)}`);
  }
  if (!Number.isInteger(d.epoch) || d.epoch < 0 || d.epoch > 0xffffffff) {
    throw new InputValidationError('invalid_argument', 'epoch must be an integer in 0..2^32-1');
  }
  if (!Number.isInteger(counter) || counter < 0 || counter > 0xff) {
    throw new InputValidationError('invalid_argument', 'counter must be an integer in 0..255');
  }
  const epoch = Uint8Array.of(d.epoch >>> 24, (d.epoch >>> 16) & 0xff, (d.epoch >>> 8) & 0xff, d.epoch & 0xff);
  return concatBytes(
    utf8Encode(KEY_INFO_LABEL),
    u16(company.length),
    company,
    Uint8Array.of(kind),
    epoch,
    Uint8Array.of(counter),
  );
}

/** One DeriveKeyPair call for an explicit counter. */
export function deriveTokenKeyPairWithCounter(
  masterSeed: Uint8Array,
  d: TokenKeyDescriptor,
  counter: number,
): DerivedTokenKey {
  checkSeed(masterSeed);
  const keyInfo = encodeKeyInfo(d, counter);
  const { secretKey, publicKey } = voprf.deriveKeyPair(masterSeed, keyInfo);
  const id = tokenKeyId(publicKey);
  return {
    descriptor: { companyId: d.companyId, kind: d.kind, epoch: d.epoch },
    counter,
    keyInfo,
    secretKey,
    publicKey,
    tokenKeyId: id,
    truncatedTokenKeyId: truncateTokenKeyId(id),
  };
}

function* parityCounters(masterSeed: Uint8Array, d: TokenKeyDescriptor, from: number): Generator<DerivedTokenKey> {
  for (let c = from; c <= 0xff; c++) {
    const k = deriveTokenKeyPairWithCounter(masterSeed, d, c);
    if ((k.truncatedTokenKeyId & 1) === (d.epoch & 1)) yield k;
  }
}

/**
 * The key pair for (companyId, kind, epoch): smallest counter whose truncated
 * key id has the epoch's parity (see module comment). About two derivations.
 */
export function deriveTokenKeyPair(masterSeed: Uint8Array, d: TokenKeyDescriptor): DerivedTokenKey {
  for (const k of parityCounters(masterSeed, d, 0)) return k;
  // Probability 2^-256; kept for totality.
  throw new InputValidationError('key_id_collision', 'no counter yields a key id of the required parity');
}

/** Groups of indices (into `keys`) whose truncated key ids collide. */
export function findTruncatedKeyIdCollisions(keys: ReadonlyArray<{ publicKey: Uint8Array }>): number[][] {
  const byId = new Map<number, number[]>();
  keys.forEach((k, i) => {
    const t = truncateTokenKeyId(tokenKeyId(k.publicKey));
    byId.set(t, [...(byId.get(t) ?? []), i]);
  });
  return [...byId.values()].filter((g) => g.length > 1);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * Keys for every descriptor served at once, with pairwise-distinct truncated
 * key ids, resolved deterministically (see module comment). Result is in the
 * input order. Throws key_id_collision if the set cannot be made distinct
 * (more than 128 keys of one epoch parity).
 */
export function resolveTokenKeySet(
  masterSeed: Uint8Array,
  descriptors: readonly TokenKeyDescriptor[],
): DerivedTokenKey[] {
  checkSeed(masterSeed);
  const seen = new Set<string>();
  for (const d of descriptors) {
    const k = `${d.companyId}\u0000${d.kind}\u0000${d.epoch}`;
    if (seen.has(k))
      throw new InputValidationError('invalid_argument', `duplicate key descriptor ${JSON.stringify(d)}`);
    seen.add(k);
  }
  const order = descriptors
    .map((d, i) => ({ d, i, company: utf8Encode(d.companyId) }))
    .sort(
      (a, b) =>
        a.d.epoch - b.d.epoch ||
        compareBytes(a.company, b.company) ||
        TOKEN_KIND_CODES[a.d.kind] - TOKEN_KIND_CODES[b.d.kind],
    );
  const used = new Set<number>();
  const out: DerivedTokenKey[] = new Array(descriptors.length);
  for (const { d, i } of order) {
    let chosen: DerivedTokenKey | undefined;
    for (const k of parityCounters(masterSeed, d, 0)) {
      if (!used.has(k.truncatedTokenKeyId)) {
        chosen = k;
        break;
      }
    }
    if (!chosen) {
      throw new InputValidationError(
        'key_id_collision',
        `cannot give ${JSON.stringify(d)} a distinct truncated key id`,
      );
    }
    used.add(chosen.truncatedTokenKeyId);
    out[i] = chosen;
  }
  return out;
}
