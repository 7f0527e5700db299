import { sha256 } from '@noble/hashes/sha2.js';

const ADJECTIVES = [
  'amber',
  'brisk',
  'calm',
  'dusky',
  'eager',
  'fuzzy',
  'gentle',
  'hazy',
  'ivory',
  'jolly',
  'keen',
  'lucid',
  'mellow',
  'nimble',
  'olive',
  'plucky',
];
const NOUNS = [
  'badger',
  'crane',
  'dolphin',
  'egret',
  'falcon',
  'gecko',
  'heron',
  'ibis',
  'jackal',
  'koala',
  'lynx',
  'marten',
  'newt',
  'otter',
  'puffin',
  'quail',
];

const DOMAIN = new TextEncoder().encode('unlinked/handle/v1');

/**
 * The stable per-thread pseudonym of a participant: derived from the thread id
 * and the participant's per-thread public key, so the same key gets a
 * different handle in every thread (privacy rule 10).
 */
export function threadHandle(threadId: string, authorKey: Uint8Array): string {
  const id = new TextEncoder().encode(threadId);
  const input = new Uint8Array(DOMAIN.length + 1 + id.length + authorKey.length);
  input.set(DOMAIN, 0);
  input.set(id, DOMAIN.length + 1);
  input.set(authorKey, DOMAIN.length + 1 + id.length);
  const h = sha256(input);
  const suffix = ((h[2] << 8) | h[3]).toString(16).padStart(4, '0');
  return `${ADJECTIVES[h[0] & 15]}-${NOUNS[h[1] & 15]}-${suffix}`;
}
