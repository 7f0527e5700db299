/**
 * The elliptic-curve half of redemption and authorship checks as pure functions of plain data, so it
 * runs in a worker thread (verify.worker.ts) or in-process alike. The caller
 * has already parsed the token and picked the challenge and keys; only bytes,
 * numbers and bigints cross the thread boundary, so the token is parsed again
 * here. A protocol refusal (bad authenticator, wrong challenge, bad proof) is
 * an outcome, `{ ok: false }`; anything else is a fault and throws.
 */
import {
  ArcToken,
  ArcTokenChallenge,
  isArcError,
  ServerPrivateKey,
  ServerPublicKey,
  verifyArcToken,
} from '@unlinked/arc';
import { isPrivacyPassError, Origin, Token } from '@unlinked/privacy-pass';
import { ed25519 } from '@noble/curves/ed25519.js';

/** RFC 9578 §5.4: a VOPRF token against the redeemable keys of one company and kind. */
export interface VoprfVerifyTask {
  kind: 'voprf';
  token: Uint8Array;
  challenge: Uint8Array;
  keys: { secretKey: Uint8Array; publicKey: Uint8Array }[];
}

/** draft-ietf-privacypass-arc-protocol §8.2: an ARC presentation under one key, in one context. */
export interface ArcVerifyTask {
  kind: 'arc';
  token: Uint8Array;
  challenge: Uint8Array;
  presentationLimit: number;
  privateKey: Pick<ServerPrivateKey, 'x0' | 'x1' | 'x2' | 'x0Blinding'>;
  publicKey: Uint8Array;
}

/** An author's Ed25519 signature over the canonical message of its write (privacy rule 10). */
export interface SignatureVerifyTask {
  kind: 'ed25519';
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
}

export type VerifyTask = VoprfVerifyTask | ArcVerifyTask | SignatureVerifyTask;

/** `keyIndex` of the VOPRF key that verified, or the ARC presentation's tag; `ok: false` when the token is refused. */
export type VerifyOutcome = { ok: true; keyIndex?: number; tag?: Uint8Array } | { ok: false };

/** An Ed25519 signature check that answers false, never throws, on any malformed part. */
export function ed25519Verifies(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}

const origin = new Origin();
/** Parsed ARC public keys by their bytes: a key serves a whole period, parsing it costs three point decompressions. */
const arcPublicKeys = new Map<string, ServerPublicKey>();

function arcPublicKey(bytes: Uint8Array): ServerPublicKey {
  const id = Buffer.from(bytes).toString('base64');
  let key = arcPublicKeys.get(id);
  if (!key) {
    if (arcPublicKeys.size >= 1024) arcPublicKeys.clear();
    key = ServerPublicKey.deserialize(bytes);
    arcPublicKeys.set(id, key);
  }
  return key;
}

export function verifyTask(task: VerifyTask): VerifyOutcome {
  if (task.kind === 'ed25519') return { ok: ed25519Verifies(task.signature, task.message, task.publicKey) };
  try {
    if (task.kind === 'voprf') {
      const { keyIndex } = origin.verify(Token.deserialize(task.token), task.challenge, task.keys);
      return { ok: true, keyIndex };
    }
    const { x0, x1, x2, x0Blinding } = task.privateKey;
    const tag = verifyArcToken(
      ArcToken.deserialize(task.token, task.presentationLimit),
      ArcTokenChallenge.deserialize(task.challenge),
      task.presentationLimit,
      new ServerPrivateKey(x0, x1, x2, x0Blinding),
      arcPublicKey(task.publicKey),
    );
    return { ok: true, tag };
  } catch (error) {
    if (isPrivacyPassError(error) || isArcError(error)) return { ok: false };
    throw error;
  }
}
