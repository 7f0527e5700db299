/**
 * draft-ietf-privacypass-arc-crypto §4.2 issuance: CredentialRequest (client),
 * CredentialResponse (server), FinalizeCredential (client), with strict wire
 * encodings. Wire structs validate every element and scalar in deserialize(),
 * before any proof work.
 */
import { concatBytes, defaultRandomBytes, expectWireLength, type RandomBytes } from './bytes.js';
import { InputValidationError, VerifyError } from './errors.js';
import {
  deserializeElement,
  deserializeScalar,
  generatorG,
  generatorH,
  hashToScalar,
  NE,
  NS,
  ORDER,
  randomScalar,
  scalarMul,
  serializeElement,
  serializeScalar,
  type Element,
} from './group.js';
import { ServerPrivateKey, ServerPublicKey } from './keys.js';
import { arcProof, requestRelation, responseRelation } from './proofs.js';

/** draft-ietf-privacypass-arc-crypto §5.1: challenge + 4 responses. */
export const REQUEST_PROOF_LENGTH = 5 * NS;
/** draft-ietf-privacypass-arc-crypto §4.2.1: Nrequest = 2*Ne + 5*Ns. */
export const CREDENTIAL_REQUEST_LENGTH = 2 * NE + REQUEST_PROOF_LENGTH;
/** draft-ietf-privacypass-arc-crypto §5.2: challenge + 7 responses. */
export const RESPONSE_PROOF_LENGTH = 8 * NS;
/** draft-ietf-privacypass-arc-crypto §4.2.2: Nresponse = 6*Ne + 8*Ns. */
export const CREDENTIAL_RESPONSE_LENGTH = 6 * NE + RESPONSE_PROOF_LENGTH;
/** m1 || U || UPrime || X1 (this library's storage format for a Credential). */
export const CREDENTIAL_LENGTH = NS + 3 * NE;

/** A proof's scalars must each be below the order (draft-irtf-cfrg-sigma-protocols §2.3.1). */
function checkProofScalars(proof: Uint8Array, what: string): void {
  for (let off = 0; off < proof.length; off += NS)
    deserializeScalar(proof.subarray(off, off + NS), `${what}[${off / NS}]`);
}

function requireBytes(b: Uint8Array, len: number, what: string): Uint8Array {
  if (!(b instanceof Uint8Array) || b.length !== len) {
    throw new InputValidationError('invalid_argument', `${what}: expected ${len} bytes`);
  }
  return Uint8Array.from(b);
}

export class CredentialRequest {
  readonly requestProof: Uint8Array;

  constructor(
    readonly m1Enc: Element,
    readonly m2Enc: Element,
    requestProof: Uint8Array,
  ) {
    this.requestProof = requireBytes(requestProof, REQUEST_PROOF_LENGTH, 'requestProof');
  }

  /** draft-ietf-privacypass-arc-crypto §4.2.1: struct { m1Enc[Ne]; m2Enc[Ne]; requestProof[5*Ns]; } */
  serialize(): Uint8Array {
    return concatBytes(serializeElement(this.m1Enc), serializeElement(this.m2Enc), this.requestProof);
  }

  static deserialize(bytes: Uint8Array): CredentialRequest {
    expectWireLength(bytes, CREDENTIAL_REQUEST_LENGTH, 'CredentialRequest');
    const m1Enc = deserializeElement(bytes.subarray(0, NE), 'CredentialRequest.m1Enc');
    const m2Enc = deserializeElement(bytes.subarray(NE, 2 * NE), 'CredentialRequest.m2Enc');
    const proof = bytes.slice(2 * NE);
    checkProofScalars(proof, 'CredentialRequest.requestProof');
    return new CredentialRequest(m1Enc, m2Enc, proof);
  }

  /** draft-ietf-privacypass-arc-crypto §5.1 VerifyCredentialRequestProof. */
  verifyProof(): boolean {
    return arcProof('CredentialRequest', requestRelation(this.m1Enc, this.m2Enc)).verify(this.requestProof);
  }
}

/** draft-ietf-privacypass-arc-crypto §4.2.1 clientSecrets. Keep them with the request until finalization. */
export interface ClientSecrets {
  readonly m1: bigint;
  readonly m2: bigint;
  readonly r1: bigint;
  readonly r2: bigint;
}

/** draft-ietf-privacypass-arc-crypto §4.2.1 CreateCredentialRequest. */
export function createCredentialRequest(
  requestContext: Uint8Array,
  rng: RandomBytes = defaultRandomBytes,
): { request: CredentialRequest; secrets: ClientSecrets } {
  if (!(requestContext instanceof Uint8Array)) {
    throw new InputValidationError('invalid_argument', 'requestContext: expected Uint8Array');
  }
  const m1 = randomScalar(rng);
  const m2 = hashToScalar(requestContext, 'requestContext');
  const r1 = randomScalar(rng);
  const r2 = randomScalar(rng);
  const m1Enc = generatorG.multiply(m1).add(generatorH.multiply(r1));
  // m2 is public (derived from the request context); multiplyUnsafe also handles m2 = 0.
  const m2Enc = generatorG.multiplyUnsafe(m2).add(generatorH.multiply(r2));
  const proof = arcProof('CredentialRequest', requestRelation(m1Enc, m2Enc)).prove([m1, m2, r1, r2], rng);
  return { request: new CredentialRequest(m1Enc, m2Enc, proof), secrets: { m1, m2, r1, r2 } };
}

export class CredentialResponse {
  readonly responseProof: Uint8Array;

  constructor(
    readonly U: Element,
    readonly encUPrime: Element,
    readonly X0Aux: Element,
    readonly X1Aux: Element,
    readonly X2Aux: Element,
    readonly HAux: Element,
    responseProof: Uint8Array,
  ) {
    this.responseProof = requireBytes(responseProof, RESPONSE_PROOF_LENGTH, 'responseProof');
  }

  /** draft-ietf-privacypass-arc-crypto §4.2.2: struct { U; encUPrime; X0Aux; X1Aux; X2Aux; HAux; responseProof[8*Ns]; } */
  serialize(): Uint8Array {
    return concatBytes(
      serializeElement(this.U),
      serializeElement(this.encUPrime),
      serializeElement(this.X0Aux),
      serializeElement(this.X1Aux),
      serializeElement(this.X2Aux),
      serializeElement(this.HAux),
      this.responseProof,
    );
  }

  static deserialize(bytes: Uint8Array): CredentialResponse {
    expectWireLength(bytes, CREDENTIAL_RESPONSE_LENGTH, 'CredentialResponse');
    const names = ['U', 'encUPrime', 'X0Aux', 'X1Aux', 'X2Aux', 'HAux'];
    const els = names.map((n, i) =>
      deserializeElement(bytes.subarray(i * NE, (i + 1) * NE), `CredentialResponse.${n}`),
    );
    const proof = bytes.slice(6 * NE);
    checkProofScalars(proof, 'CredentialResponse.responseProof');
    return new CredentialResponse(els[0], els[1], els[2], els[3], els[4], els[5], proof);
  }

  /** draft-ietf-privacypass-arc-crypto §5.2 VerifyCredentialResponseProof. */
  verifyProof(publicKey: ServerPublicKey, request: CredentialRequest): boolean {
    return arcProof(
      'CredentialResponse',
      responseRelation({ ...this, m1Enc: request.m1Enc, m2Enc: request.m2Enc, ...publicKey }),
    ).verify(this.responseProof);
  }
}

/**
 * draft-ietf-privacypass-arc-crypto §4.2.2 CreateCredentialResponse. Refuses
 * a request whose proof does not verify ("raise VerifyError").
 */
export function createCredentialResponse(
  privateKey: ServerPrivateKey,
  publicKey: ServerPublicKey,
  request: CredentialRequest,
  rng: RandomBytes = defaultRandomBytes,
): CredentialResponse {
  if (!(request instanceof CredentialRequest)) {
    throw new InputValidationError('invalid_argument', 'request: expected a CredentialRequest');
  }
  // draft-ietf-privacypass-arc-crypto §4.2.2: the request proof MUST verify before issuing.
  if (!request.verifyProof()) throw new VerifyError('proof_invalid', 'CredentialRequest proof does not verify');
  const b = randomScalar(rng);
  const U = generatorG.multiply(b);
  const encUPrime = publicKey.X0.add(request.m1Enc.multiply(privateKey.x1))
    .add(request.m2Enc.multiply(privateKey.x2))
    .multiply(b);
  const X0Aux = generatorH.multiply(scalarMul(b, privateKey.x0Blinding));
  const X1Aux = publicKey.X1.multiply(b);
  const X2Aux = publicKey.X2.multiply(b);
  const HAux = generatorH.multiply(b);
  const rel = responseRelation({
    m1Enc: request.m1Enc,
    m2Enc: request.m2Enc,
    U,
    encUPrime,
    X0: publicKey.X0,
    X1: publicKey.X1,
    X2: publicKey.X2,
    X0Aux,
    X1Aux,
    X2Aux,
    HAux,
  });
  const witness = [
    privateKey.x0,
    privateKey.x1,
    privateKey.x2,
    privateKey.x0Blinding,
    b,
    scalarMul(b, privateKey.x1),
    scalarMul(b, privateKey.x2),
  ];
  const proof = arcProof('CredentialResponse', rel).prove(witness, rng);
  return new CredentialResponse(U, encUPrime, X0Aux, X1Aux, X2Aux, HAux, proof);
}

/** draft-ietf-privacypass-arc-crypto §4.2.3 credential: (m1, U, UPrime, X1). */
export class Credential {
  constructor(
    readonly m1: bigint,
    readonly U: Element,
    readonly UPrime: Element,
    readonly X1: Element,
  ) {
    if (typeof m1 !== 'bigint' || m1 <= 0n || m1 >= ORDER) {
      throw new InputValidationError('invalid_argument', 'credential m1 must be a non-zero scalar');
    }
  }

  /** Client-side storage encoding: m1[Ns] || U[Ne] || UPrime[Ne] || X1[Ne]. */
  serialize(): Uint8Array {
    return concatBytes(
      serializeScalar(this.m1),
      serializeElement(this.U),
      serializeElement(this.UPrime),
      serializeElement(this.X1),
    );
  }

  static deserialize(bytes: Uint8Array): Credential {
    expectWireLength(bytes, CREDENTIAL_LENGTH, 'Credential');
    return new Credential(
      deserializeScalar(bytes.subarray(0, NS), 'Credential.m1', true),
      deserializeElement(bytes.subarray(NS, NS + NE), 'Credential.U'),
      deserializeElement(bytes.subarray(NS + NE, NS + 2 * NE), 'Credential.UPrime'),
      deserializeElement(bytes.subarray(NS + 2 * NE), 'Credential.X1'),
    );
  }
}

/**
 * draft-ietf-privacypass-arc-crypto §4.2.3 FinalizeCredential. Refuses a
 * response whose proof does not verify ("raise VerifyError").
 */
export function finalizeCredential(
  secrets: ClientSecrets,
  publicKey: ServerPublicKey,
  request: CredentialRequest,
  response: CredentialResponse,
): Credential {
  if (!(response instanceof CredentialResponse) || !(request instanceof CredentialRequest)) {
    throw new InputValidationError(
      'invalid_argument',
      'finalizeCredential: expected a CredentialRequest and a CredentialResponse',
    );
  }
  if (!response.verifyProof(publicKey, request)) {
    throw new VerifyError('proof_invalid', 'CredentialResponse proof does not verify');
  }
  const UPrime = response.encUPrime
    .subtract(response.X0Aux)
    .subtract(response.X1Aux.multiply(secrets.r1))
    .subtract(response.X2Aux.multiply(secrets.r2));
  if (UPrime.is0()) throw new VerifyError('proof_invalid', 'finalized UPrime is the identity');
  return new Credential(secrets.m1, response.U, UPrime, publicKey.X1);
}
