/**
 * The parts of the client core that carry the curves (VOPRF on P-384, ARC on P-256, Ed25519 signatures): a chunk
 * of its own, loaded when the wallet first fills or a page first writes, so that reading needs none of it.
 */
export { fetchArcCredentials, refillWhenDue, WriteFlows } from '@unlinked/client';
