import { ARC_MEDIA_TYPES } from '@unlinked/arc';
import { MEDIA_TYPES } from '@unlinked/privacy-pass';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionAccount } from '../accounts/sessions.service.js';
import { IssuanceError, IssuanceErrorCode } from './issuance.errors.js';
import type { CompanyRef, IssuanceService } from './issuance.service.js';
import type { ArcIssuanceService } from './arc-issuance.service.js';
import { IssuanceReplays } from './issuance-replays.service.js';
import type { TokenKind } from '@unlinked/platform';

/** Bodies the issuer reads as bytes. */
const BINARY_TYPES = [MEDIA_TYPES.tokenRequest, MEDIA_TYPES.batchedTokenRequest, ARC_MEDIA_TYPES.credentialRequest];

/** Lets Fastify hand the issuer's binary media types to the routes as buffers (once per instance). */
export function registerBinaryBodies(fastify: FastifyInstance): void {
  if (!fastify.hasContentTypeParser(MEDIA_TYPES.tokenRequest)) {
    fastify.addContentTypeParser(BINARY_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  }
}

/** The request's Idempotency-Key (recoverable issuance: IssuanceReplays), if it sent one. */
export function idempotencyKey(req: FastifyRequest): string | undefined {
  return IssuanceReplays.parseKey(req.headers['idempotency-key']);
}

function mediaType(req: FastifyRequest): string {
  return String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
}

/** The body of a request sent as `type`; 415 for another media type (RFC 9578 §5.1, batched draft §5.1). */
export function binaryBody(req: FastifyRequest, type: string): Uint8Array {
  if (mediaType(req) !== type) throw new IssuanceError(IssuanceErrorCode.UnsupportedMediaType, type);
  if (!Buffer.isBuffer(req.body)) throw new IssuanceError(IssuanceErrorCode.MalformedRequest, 'empty body');
  return new Uint8Array(req.body);
}

/** RFC 9578 §4: the directory, identical bytes for every requester (privacy rule 8). */
export function sendDirectory(reply: FastifyReply, directory: { body: string; maxAge: number }): FastifyReply {
  return reply
    .status(200)
    .header('content-type', MEDIA_TYPES.issuerDirectory)
    .header('cache-control', `public, max-age=${directory.maxAge}`)
    .send(directory.body);
}

/**
 * The Issuer Request URL: RFC 9578 §5.1 single requests and batched draft §5.1
 * batches both go to the directory's issuer-request-uri, told apart by
 * Content-Type; any other media type is 415 naming both.
 */
export async function answerTokenRequest(
  issuance: IssuanceService,
  account: SessionAccount,
  company: CompanyRef,
  kind: TokenKind,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (mediaType(req) === MEDIA_TYPES.batchedTokenRequest) {
    const body = binaryBody(req, MEDIA_TYPES.batchedTokenRequest);
    const response = await issuance.issueBatch(account, company, kind, body, idempotencyKey(req));
    return reply.status(200).header('content-type', MEDIA_TYPES.batchedTokenResponse).send(Buffer.from(response));
  }
  if (mediaType(req) !== MEDIA_TYPES.tokenRequest) {
    throw new IssuanceError(
      IssuanceErrorCode.UnsupportedMediaType,
      `${MEDIA_TYPES.tokenRequest} or ${MEDIA_TYPES.batchedTokenRequest}`,
    );
  }
  const body = binaryBody(req, MEDIA_TYPES.tokenRequest);
  const response = await issuance.issueOne(account, company, kind, body, idempotencyKey(req));
  return reply.status(200).header('content-type', MEDIA_TYPES.tokenResponse).send(Buffer.from(response));
}

/** draft-ietf-privacypass-arc-protocol §7: one credential request, at either host (same-origin path or issuer name). */
export async function answerArcCredentialRequest(
  arc: ArcIssuanceService,
  account: SessionAccount,
  company: CompanyRef,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = binaryBody(req, ARC_MEDIA_TYPES.credentialRequest);
  const response = await arc.issue(account, company, body, idempotencyKey(req));
  return reply.status(200).header('content-type', ARC_MEDIA_TYPES.credentialResponse).send(Buffer.from(response));
}
