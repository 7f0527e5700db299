import { Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ARC_MEDIA_TYPES } from '@unlinked/arc';
import { buildWWWAuthenticate, MEDIA_TYPES } from '@unlinked/privacy-pass';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IssuerKeysService } from '@unlinked/platform';
import { CurrentAccount, SessionGuard } from '../accounts/session.guard.js';
import type { SessionAccount } from '../accounts/sessions.service.js';
import { ArcIssuanceService } from './arc-issuance.service.js';
import { IssuanceError, IssuanceErrorCode } from './issuance.errors.js';
import { IssuanceService } from './issuance.service.js';

const BINARY_TYPES = [MEDIA_TYPES.tokenRequest, MEDIA_TYPES.batchedTokenRequest, ARC_MEDIA_TYPES.credentialRequest];

function mediaType(req: FastifyRequest): string {
  return String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
}

/**
 * Privacy Pass over HTTP, per company and token kind:
 *   GET  /privacy-pass/:company/:kind/issuer-directory     RFC 9578 §4
 *   POST /privacy-pass/:company/:kind/token-request        RFC 9578 §5.1-5.2
 *   POST /privacy-pass/:company/:kind/batch-token-request  batched-tokens draft §5
 *   GET  /privacy-pass/:company/:kind/challenge            RFC 9577 §2.1 (401 + WWW-Authenticate)
 * and ARC (draft-ietf-privacypass-arc-protocol), per company:
 *   GET  /privacy-pass/:company/arc/issuer-directory       the two live ARC keys (RFC 9578 §4 format)
 *   POST /privacy-pass/:company/arc/credential-request     §7.1 request → §7.2 response, one per period key
 * Issuance needs a session (Authorization: Bearer <session token>).
 */
@Controller('privacy-pass')
export class IssuanceController implements OnModuleInit {
  constructor(
    private readonly issuance: IssuanceService,
    private readonly keys: IssuerKeysService,
    private readonly adapterHost: HttpAdapterHost,
    private readonly arc: ArcIssuanceService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (!fastify.hasContentTypeParser(MEDIA_TYPES.tokenRequest)) {
      fastify.addContentTypeParser(BINARY_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    }
  }

  @Get(':company/arc/issuer-directory')
  async arcDirectory(@Param('company') slug: string, @Res() reply: FastifyReply) {
    const company = await this.issuance.companyBySlug(slug);
    const { body, maxAge } = this.arc.directory(company);
    return reply
      .status(200)
      .header('content-type', MEDIA_TYPES.issuerDirectory)
      .header('cache-control', `public, max-age=${maxAge}`)
      .send(body);
  }

  @Post(':company/arc/credential-request')
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async arcCredentialRequest(
    @Param('company') slug: string,
    @CurrentAccount() account: SessionAccount,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const body = this.body(req, ARC_MEDIA_TYPES.credentialRequest);
    const company = await this.issuance.companyBySlug(slug);
    const response = await this.arc.issue(account, company, body);
    return reply.status(200).header('content-type', ARC_MEDIA_TYPES.credentialResponse).send(Buffer.from(response));
  }

  @Get(':company/:kind/issuer-directory')
  async directory(@Param('company') slug: string, @Param('kind') kindParam: string, @Res() reply: FastifyReply) {
    const kind = this.issuance.parseKind(kindParam);
    const company = await this.issuance.companyBySlug(slug);
    const { body, maxAge } = this.issuance.directory(company, kind);
    return reply
      .status(200)
      .header('content-type', MEDIA_TYPES.issuerDirectory)
      .header('cache-control', `public, max-age=${maxAge}`)
      .send(body);
  }

  @Get(':company/:kind/challenge')
  async challenge(@Param('company') slug: string, @Param('kind') kindParam: string, @Res() reply: FastifyReply) {
    const kind = this.issuance.parseKind(kindParam);
    const company = await this.issuance.companyBySlug(slug);
    const key = this.keys.currentKey(company.id, kind);
    const header = buildWWWAuthenticate({
      challenge: this.keys.challengeFor(company.slug, kind),
      tokenKey: key.publicKey,
    });
    return reply.status(401).header('www-authenticate', header).header('cache-control', 'no-store').send({
      code: 'TOKEN_REQUIRED',
      message: 'Present a Privacy Pass token for this challenge.',
    });
  }

  @Post(':company/:kind/token-request')
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async tokenRequest(
    @Param('company') slug: string,
    @Param('kind') kindParam: string,
    @CurrentAccount() account: SessionAccount,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const kind = this.issuance.parseKind(kindParam);
    const body = this.body(req, MEDIA_TYPES.tokenRequest);
    const company = await this.issuance.companyBySlug(slug);
    const response = await this.issuance.issueOne(account, company, kind, body);
    return reply.status(200).header('content-type', MEDIA_TYPES.tokenResponse).send(Buffer.from(response));
  }

  @Post(':company/:kind/batch-token-request')
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async batchTokenRequest(
    @Param('company') slug: string,
    @Param('kind') kindParam: string,
    @CurrentAccount() account: SessionAccount,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const kind = this.issuance.parseKind(kindParam);
    const body = this.body(req, MEDIA_TYPES.batchedTokenRequest);
    const company = await this.issuance.companyBySlug(slug);
    const response = await this.issuance.issueBatch(account, company, kind, body);
    return reply.status(200).header('content-type', MEDIA_TYPES.batchedTokenResponse).send(Buffer.from(response));
  }

  private body(req: FastifyRequest, type: string): Uint8Array {
    if (mediaType(req) !== type) throw new IssuanceError(IssuanceErrorCode.UnsupportedMediaType, type);
    if (!Buffer.isBuffer(req.body)) throw new IssuanceError(IssuanceErrorCode.MalformedRequest, 'empty body');
    return new Uint8Array(req.body);
  }
}
