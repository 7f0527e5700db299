/**
 * draft-ietf-privacypass-arc-crypto §4.1 key generation: ServerPrivateKey
 * (x0, x1, x2, x0Blinding) and ServerPublicKey (X0, X1, X2), with strict wire
 * encodings.
 */
import { concatBytes, defaultRandomBytes, expectWireLength, type RandomBytes } from './bytes.js';
import { InputValidationError } from './errors.js';
import {
  deserializeElement,
  deserializeScalar,
  generatorG,
  generatorH,
  NE,
  NS,
  randomScalar,
  serializeElement,
  serializeScalar,
  type Element,
} from './group.js';
import { paddedIv, Shake128Stream } from './sponge.js';

/** draft-ietf-privacypass-arc-crypto §4.1: NserverPublicKey = 3 * Ne. */
export const SERVER_PUBLIC_KEY_LENGTH = 3 * NE;
/** x0 || x1 || x2 || x0Blinding, each SerializeScalar (this library's storage format). */
export const SERVER_PRIVATE_KEY_LENGTH = 4 * NS;
export const KEY_SEED_LENGTH = 32;

export class ServerPublicKey {
  constructor(
    readonly X0: Element,
    readonly X1: Element,
    readonly X2: Element,
  ) {}

  /** draft-ietf-privacypass-arc-crypto §4.1: struct { X0[Ne]; X1[Ne]; X2[Ne]; } */
  serialize(): Uint8Array {
    return concatBytes(serializeElement(this.X0), serializeElement(this.X1), serializeElement(this.X2));
  }

  static deserialize(bytes: Uint8Array): ServerPublicKey {
    expectWireLength(bytes, SERVER_PUBLIC_KEY_LENGTH, 'ServerPublicKey');
    return new ServerPublicKey(
      deserializeElement(bytes.subarray(0, NE), 'ServerPublicKey.X0'),
      deserializeElement(bytes.subarray(NE, 2 * NE), 'ServerPublicKey.X1'),
      deserializeElement(bytes.subarray(2 * NE), 'ServerPublicKey.X2'),
    );
  }

  equals(other: ServerPublicKey): boolean {
    return this.X0.equals(other.X0) && this.X1.equals(other.X1) && this.X2.equals(other.X2);
  }
}

export class ServerPrivateKey {
  constructor(
    readonly x0: bigint,
    readonly x1: bigint,
    readonly x2: bigint,
    readonly x0Blinding: bigint,
  ) {}

  /** draft-ietf-privacypass-arc-crypto §4.1 SetupServer: X0 = x0*G + x0Blinding*H, X1 = x1*H, X2 = x2*H. */
  publicKey(): ServerPublicKey {
    return new ServerPublicKey(
      generatorG.multiply(this.x0).add(generatorH.multiply(this.x0Blinding)),
      generatorH.multiply(this.x1),
      generatorH.multiply(this.x2),
    );
  }

  serialize(): Uint8Array {
    return concatBytes(
      serializeScalar(this.x0),
      serializeScalar(this.x1),
      serializeScalar(this.x2),
      serializeScalar(this.x0Blinding),
    );
  }

  /** draft-ietf-privacypass-arc-crypto §6.1 DeserializeScalar: every key scalar in [1, Order-1]. */
  static deserialize(bytes: Uint8Array): ServerPrivateKey {
    expectWireLength(bytes, SERVER_PRIVATE_KEY_LENGTH, 'ServerPrivateKey');
    const s = (i: number, what: string) => deserializeScalar(bytes.subarray(i * NS, (i + 1) * NS), what, true);
    return new ServerPrivateKey(s(0, 'x0'), s(1, 'x1'), s(2, 'x2'), s(3, 'x0Blinding'));
  }
}

export interface ServerKeyPair {
  privateKey: ServerPrivateKey;
  publicKey: ServerPublicKey;
}

/** draft-ietf-privacypass-arc-crypto §4.1 SetupServer, with an injectable RNG. */
export function setupServer(rng: RandomBytes = defaultRandomBytes): ServerKeyPair {
  const x0 = randomScalar(rng);
  const x1 = randomScalar(rng);
  const x2 = randomScalar(rng);
  const x0Blinding = randomScalar(rng);
  const privateKey = new ServerPrivateKey(x0, x1, x2, x0Blinding);
  return { privateKey, publicKey: privateKey.publicKey() };
}

/**
 * Deterministic SetupServer from a 32-byte secret seed: the same draws from
 * the SHAKE128 seeded stream of draft-ietf-privacypass-arc-crypto §10.1
 * (draft-irtf-cfrg-sigma-protocols Appendix A.1), so the seed of the draft's
 * vectors yields the vectors' ServerKey. SHAKE128 keyed with a 256-bit
 * secret is a sound KDF at P-256's 128-bit level; keep the seed secret.
 */
export function deriveServerKeyPair(seed: Uint8Array): ServerKeyPair {
  if (!(seed instanceof Uint8Array) || seed.length !== KEY_SEED_LENGTH) {
    throw new InputValidationError('invalid_argument', `key seed must be ${KEY_SEED_LENGTH} bytes`);
  }
  const stream = new Shake128Stream(paddedIv('sigma-proofs/TestDRNG/SHAKE128'), seed);
  return setupServer((n) => stream.read(n));
}

/** Checks that a public key belongs to a private key (for loading stored key pairs). */
export function assertKeyPair(privateKey: ServerPrivateKey, publicKey: ServerPublicKey): void {
  if (!privateKey.publicKey().equals(publicKey)) {
    throw new InputValidationError('invalid_key', 'ARC public key does not match the private key');
  }
}
