import { Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { buildWWWAuthenticate, MEDIA_TYPES } from '@unlinked/privacy-pass';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IssuerKeysService } from '@unlinked/platform';
import { CurrentAccount, SessionGuard } from '../accounts/session.guard.js';
import type { SessionAccount } from '../accounts/sessions.service.js';
import { ArcIssuanceService } from './arc-issuance.service.js';
import {
  answerArcCredentialRequest,
  answerTokenRequest,
  binaryBody,
  idempotencyKey,
  registerBinaryBodies,
  sendDirectory,
} from './issuance-http.js';
import { IssuanceService } from './issuance.service.js';

/**
 * Privacy Pass over HTTP on the origin's host, per company and token kind (the same issuer as at its own issuer
 * name, issuer-host.controller.ts; the web app and the CLI call these same-origin paths):
 *   GET  /privacy-pass/:company/:kind/issuer-directory     RFC 9578 §4 (the same bytes as the issuer name's)
 *   POST /privacy-pass/:company/:kind/token-request        RFC 9578 §5.1-5.2 and batched-tokens draft §5.1, by
 *                                                          Content-Type (as the directory's issuer-request-uri)
 *   POST /privacy-pass/:company/:kind/batch-token-request  batched-tokens draft §5 only (older clients)
 *   GET  /privacy-pass/:company/:kind/challenge            RFC 9577 §2.1 (401 + WWW-Authenticate)
 * and ARC (draft-ietf-privacypass-arc-protocol), per company:
 *   GET  /privacy-pass/:company/arc/issuer-directory       the two live ARC keys (RFC 9578 §4 format)
 *   POST /privacy-pass/:company/arc/credential-request     §7.1 request → §7.2 response, one per period key
 * Issuance needs a session (Authorization: Bearer <session token>). A request may carry an Idempotency-Key
 * (draft-ietf-httpapi-idempotency-key-header): sent again with the same key, it is answered again and charged once
 * (issuance-replays.service.ts), so a reload or a lost connection costs no tokens.
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
    registerBinaryBodies(this.adapterHost.httpAdapter.getInstance<FastifyInstance>());
  }

  @Get(':company/arc/issuer-directory')
  async arcDirectory(@Param('company') slug: string, @Res() reply: FastifyReply) {
    const company = await this.issuance.companyBySlug(slug);
    return sendDirectory(reply, this.arc.directory(company));
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
    return answerArcCredentialRequest(this.arc, account, await this.issuance.companyBySlug(slug), req, reply);
  }

  @Get(':company/:kind/issuer-directory')
  async directory(@Param('company') slug: string, @Param('kind') kindParam: string, @Res() reply: FastifyReply) {
    const kind = this.issuance.parseKind(kindParam);
    const company = await this.issuance.companyBySlug(slug);
    return sendDirectory(reply, this.issuance.directory(company, kind));
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
    const company = await this.issuance.companyBySlug(slug);
    return answerTokenRequest(this.issuance, account, company, kind, req, reply);
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
    const body = binaryBody(req, MEDIA_TYPES.batchedTokenRequest);
    const company = await this.issuance.companyBySlug(slug);
    const response = await this.issuance.issueBatch(account, company, kind, body, idempotencyKey(req));
    return reply.status(200).header('content-type', MEDIA_TYPES.batchedTokenResponse).send(Buffer.from(response));
  }
}
