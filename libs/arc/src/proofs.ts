/**
 * The statements of draft-ietf-privacypass-arc-crypto §5 as linear relations
 * (draft-irtf-cfrg-sigma-protocols §2.2), proven with
 * NISchnorrProofShake128P256 (draft-irtf-cfrg-fiat-shamir §6.1).
 * Variable allocation order is normative: it fixes the instance label and
 * the order of the responses on the wire.
 */
import { asciiBytes } from './bytes.js';
import { InputValidationError } from './errors.js';
import { CONTEXT_STRING, generatorG, generatorH, P256Group, type Element } from './group.js';
import { LinearRelation } from './linear-relation.js';
import { NISigmaProtocol, shake128Suite } from './sigma.js';

/**
 * NISchnorrProofShake128P256 with the transcript framing that produced the
 * ARC draft's vectors (see TranscriptFraming in sigma.ts).
 */
export const ARC_SIGMA_SUITE = shake128Suite(P256Group, 'sigma-proofs_Shake128_P256', 'length-prefixed');

/** draft-ietf-privacypass-arc-crypto §5.1-§5.3: session_id = contextString || label. */
export function arcProof(
  label: 'CredentialRequest' | 'CredentialResponse' | 'CredentialPresentation' | 'CredentialPresentationLimit1',
  rel: LinearRelation<Element>,
) {
  return new NISigmaProtocol(ARC_SIGMA_SUITE, asciiBytes(CONTEXT_STRING + label), rel);
}

/** draft-ietf-privacypass-arc-crypto §5.1: m1Enc = m1*G + r1*H, m2Enc = m2*G + r2*H; witness [m1, m2, r1, r2]. */
export function requestRelation(m1Enc: Element, m2Enc: Element): LinearRelation<Element> {
  const rel = new LinearRelation(P256Group);
  const [m1, m2, r1, r2] = rel.allocateScalars(4);
  const [g, h, e1, e2] = rel.allocateElements(4);
  rel.setElements([
    [g, generatorG],
    [h, generatorH],
    [e1, m1Enc],
    [e2, m2Enc],
  ]);
  rel.appendEquation(e1, [
    [m1, g],
    [r1, h],
  ]);
  rel.appendEquation(e2, [
    [m2, g],
    [r2, h],
  ]);
  return rel;
}

export interface ResponseElements {
  m1Enc: Element;
  m2Enc: Element;
  U: Element;
  encUPrime: Element;
  X0: Element;
  X1: Element;
  X2: Element;
  X0Aux: Element;
  X1Aux: Element;
  X2Aux: Element;
  HAux: Element;
}

/**
 * draft-ietf-privacypass-arc-crypto §5.2; witness [x0, x1, x2, x0Blinding, b, t1 = b*x1, t2 = b*x2].
 */
export function responseRelation(e: ResponseElements): LinearRelation<Element> {
  const rel = new LinearRelation(P256Group);
  const [x0, x1, x2, xb, b, t1, t2] = rel.allocateScalars(7);
  const [g, h, m1Enc, m2Enc, U, encUPrime, X0, X1, X2, X0Aux, X1Aux, X2Aux, HAux] = rel.allocateElements(13);
  rel.setElements([
    [g, generatorG],
    [h, generatorH],
    [m1Enc, e.m1Enc],
    [m2Enc, e.m2Enc],
    [U, e.U],
    [encUPrime, e.encUPrime],
    [X0, e.X0],
    [X1, e.X1],
    [X2, e.X2],
    [X0Aux, e.X0Aux],
    [X1Aux, e.X1Aux],
    [X2Aux, e.X2Aux],
    [HAux, e.HAux],
  ]);
  // 1. X0 = x0*G + x0Blinding*H
  rel.appendEquation(X0, [
    [x0, g],
    [xb, h],
  ]);
  // 2. X1 = x1*H; 3. X2 = x2*H
  rel.appendEquation(X1, [[x1, h]]);
  rel.appendEquation(X2, [[x2, h]]);
  // 4a. HAux = b*H; 4b. X0Aux = x0Blinding*HAux
  rel.appendEquation(HAux, [[b, h]]);
  rel.appendEquation(X0Aux, [[xb, HAux]]);
  // 5a. X1Aux = t1*H; 5b. X1Aux = b*X1
  rel.appendEquation(X1Aux, [[t1, h]]);
  rel.appendEquation(X1Aux, [[b, X1]]);
  // 6a. X2Aux = b*X2; 6b. X2Aux = t2*H
  rel.appendEquation(X2Aux, [[b, X2]]);
  rel.appendEquation(X2Aux, [[t2, h]]);
  // 7. U = b*G
  rel.appendEquation(U, [[b, g]]);
  // 8. encUPrime = b*X0 + t1*m1Enc + t2*m2Enc
  rel.appendEquation(encUPrime, [
    [b, X0],
    [t1, m1Enc],
    [t2, m2Enc],
  ]);
  return rel;
}

/** Largest supported presentation limit: the Token carries the nonce as a uint32 (draft-ietf-privacypass-arc-protocol §8.1). */
export const MAX_PRESENTATION_LIMIT = 2 ** 32;

/**
 * Checks a presentation limit: an integer in [1, 2^32]. Limit 1 is this
 * library's limit-1 mode (a deviation from the draft, see
 * presentationRelationLimit1); limits >= 2 follow the draft.
 */
export function checkPresentationLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PRESENTATION_LIMIT) {
    throw new InputValidationError(
      'invalid_presentation_limit',
      `presentation limit must be an integer in [1, 2^32], got ${String(limit)}`,
    );
  }
}

/**
 * draft-ietf-privacypass-arc-crypto §5.4 ComputeBases: k-1 powers of two and
 * one closing base, sorted descending; they sum to limit - 1. Needs
 * limit >= 2: for 1 it yields the base 0, whose inverse the range proof
 * needs, so it refuses 1 (limit 1 uses presentationRelationLimit1, no range proof).
 */
export function computeBases(limit: number): number[] {
  checkPresentationLimit(limit);
  if (limit < 2) {
    throw new InputValidationError(
      'invalid_presentation_limit',
      'ComputeBases needs a presentation limit >= 2 (limit 1 has no range proof)',
    );
  }
  const k = Math.ceil(Math.log2(limit));
  let remainder = limit;
  const bases: number[] = [];
  for (let i = 0; i < k - 1; i++) {
    const base = 2 ** i;
    remainder -= base;
    bases.push(base);
  }
  bases.push(remainder - 1);
  return bases.sort((a, b) => b - a);
}

/** k: the number of bit commitments for a limit (draft-ietf-privacypass-arc-crypto §4.3.2); 0 in limit-1 mode. */
export function rangeProofBits(limit: number): number {
  checkPresentationLimit(limit);
  return limit === 1 ? 0 : computeBases(limit).length;
}

/** Number of proof responses: 5 + 3k (draft §4.3.2), or 4 in limit-1 mode (no nonce variable, no bits). */
export function presentationResponseCount(limit: number): number {
  return limit === 1 ? 4 : 5 + 3 * rangeProofBits(limit);
}

export interface PresentationElements {
  U: Element;
  UPrimeCommit: Element;
  m1Commit: Element;
  V: Element;
  X1: Element;
  tag: Element;
  generatorT: Element;
  nonceCommit: Element;
  D: Element[];
}

/**
 * draft-ietf-privacypass-arc-crypto §5.3 presentation statement with the §5.4
 * range-proof constraints. Witness: [m1, z, -r, nonce, nonceBlinding],
 * then b[0..k), s[0..k), s2[0..k).
 *
 * As in the reference code that made the vectors: when k = 1 and D[0]
 * equals nonceCommit (always so for honest limit-2 presentations), the
 * nonceCommit variable is reused for D[0] instead of allocating a
 * duplicate element, which would make the instance unlabelable.
 */
export function presentationRelation(e: PresentationElements, limit: number): LinearRelation<Element> {
  if (limit === 1) return presentationRelationLimit1(e);
  const k = rangeProofBits(limit);
  if (e.D.length !== k) throw new InputValidationError('invalid_argument', `expected ${k} bit commitments`);
  const rel = new LinearRelation(P256Group);
  const [m1, z, rNeg, nonce, nonceBlinding] = rel.allocateScalars(5);
  const [g, h, U, UPrimeCommit, m1Commit, V, X1, tag, genT, nonceCommit] = rel.allocateElements(10);
  rel.setElements([
    [g, generatorG],
    [h, generatorH],
    [U, e.U],
    [UPrimeCommit, e.UPrimeCommit],
    [m1Commit, e.m1Commit],
    [V, e.V],
    [X1, e.X1],
    [tag, e.tag],
    [genT, e.generatorT],
    [nonceCommit, e.nonceCommit],
  ]);
  // 1. m1Commit = m1*U + z*H
  rel.appendEquation(m1Commit, [
    [m1, U],
    [z, h],
  ]);
  // 2. V = z*X1 - r*G
  rel.appendEquation(V, [
    [z, X1],
    [rNeg, g],
  ]);
  // 3. nonceCommit = nonce*G + nonceBlinding*H
  rel.appendEquation(nonceCommit, [
    [nonce, g],
    [nonceBlinding, h],
  ]);
  // 4. T = m1*tag + nonce*tag
  rel.appendEquation(genT, [
    [m1, tag],
    [nonce, tag],
  ]);
  // 5. range proof (§5.4): b[i] in {0,1} for every bit commitment D[i].
  const vb = rel.allocateScalars(k);
  const vs = rel.allocateScalars(k);
  const vs2 = rel.allocateScalars(k);
  let vD: number[];
  if (k === 1 && e.D[0].equals(e.nonceCommit)) {
    vD = [nonceCommit];
  } else {
    vD = rel.allocateElements(k);
    rel.setElements(vD.map((v, i) => [v, e.D[i]] as const));
  }
  for (let i = 0; i < k; i++) {
    // D[i] = b[i]*G + s[i]*H
    rel.appendEquation(vD[i], [
      [vb[i], g],
      [vs[i], h],
    ]);
    // D[i] = b[i]*D[i] + s2[i]*H, satisfiable only for b[i] in {0, 1}
    rel.appendEquation(vD[i], [
      [vb[i], vD[i]],
      [vs2[i], h],
    ]);
  }
  return rel;
}

/**
 * Limit-1 mode: a DEVIATION from draft-ietf-privacypass-arc-crypto, which
 * defines presentation limits >= 2 only (ComputeBases(1) has no inverse).
 *
 * With limit 1 the only nonce is 0, so instead of a range proof the
 * statement fixes the nonce to 0:
 *   1. m1Commit   = m1*U + z*H          (as §5.3)
 *   2. V          = z*X1 - r*G          (as §5.3)
 *   3. nonceCommit = nonceBlinding*H    (a Schnorr proof of the blinding:
 *                                        the commitment opens to nonce 0,
 *                                        since log_H(G) is unknown)
 *   4. T          = m1*tag              (tag = m1^-1 * T: nonce 0)
 * Witness [m1, z, -r, nonceBlinding]; no bit commitments (D is empty), so
 * a presentation carries 4 responses. Soundness: equations 1, 2 are the
 * draft's credential statement; 4 binds the tag to the credential's m1 with
 * nonce exactly 0, so every presentation of one credential in one context has
 * the same tag (a second one is a double spend). nonceCommit is kept so the
 * wire layout keeps the draft's five leading elements. The session label
 * (`CredentialPresentationLimit1`) separates these proofs from the draft's.
 */
export function presentationRelationLimit1(e: PresentationElements): LinearRelation<Element> {
  if (e.D.length !== 0) throw new InputValidationError('invalid_argument', 'limit 1 has no bit commitments');
  const rel = new LinearRelation(P256Group);
  const [m1, z, rNeg, nonceBlinding] = rel.allocateScalars(4);
  const [g, h, U, UPrimeCommit, m1Commit, V, X1, tag, genT, nonceCommit] = rel.allocateElements(10);
  rel.setElements([
    [g, generatorG],
    [h, generatorH],
    [U, e.U],
    [UPrimeCommit, e.UPrimeCommit],
    [m1Commit, e.m1Commit],
    [V, e.V],
    [X1, e.X1],
    [tag, e.tag],
    [genT, e.generatorT],
    [nonceCommit, e.nonceCommit],
  ]);
  rel.appendEquation(m1Commit, [
    [m1, U],
    [z, h],
  ]);
  rel.appendEquation(V, [
    [z, X1],
    [rNeg, g],
  ]);
  rel.appendEquation(nonceCommit, [[nonceBlinding, h]]);
  rel.appendEquation(genT, [[m1, tag]]);
  return rel;
}
