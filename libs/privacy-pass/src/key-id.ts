/**
 * RFC 9578 §5.5: token_key_id = SHA256(SerializeElement(pkI)); the request
 * carries only its least significant byte (RFC 9578 §5.1: "the last 8 bits of
 * token_key_id"), so Issuers cannot use it to tell Clients apart.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { NID } from './constants.js';
import { InputValidationError } from './errors.js';
import { assertElement } from './group.js';
import { PrivacyPassError } from './errors.js';

export function tokenKeyId(publicKey: Uint8Array): Uint8Array {
  try {
    assertElement(publicKey, 'publicKey');
  } catch (e) {
    if (e instanceof PrivacyPassError) throw new InputValidationError('invalid_key', e.message, { cause: e });
    throw e;
  }
  return sha256(publicKey);
}

export function truncateTokenKeyId(keyId: Uint8Array): number {
  if (!(keyId instanceof Uint8Array) || keyId.length !== NID) {
    throw new InputValidationError('invalid_argument', `token_key_id must be ${NID} bytes`);
  }
  return keyId[NID - 1];
}

export function truncatedTokenKeyId(publicKey: Uint8Array): number {
  return truncateTokenKeyId(tokenKeyId(publicKey));
}
