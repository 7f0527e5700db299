import {
  Controller,
  Get,
  HttpCode,
  Injectable,
  Post,
  Req,
  Res,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ISSUER_DIRECTORY_PATH } from '@unlinked/privacy-pass';
import { ARC_ISSUER_KIND, CommonError, CommonErrorCode, IssuerKeysService, type IssuerHost } from '@unlinked/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentAccount, SessionGuard } from '../accounts/session.guard.js';
import type { SessionAccount } from '../accounts/sessions.service.js';
import { ARC_CREDENTIAL_REQUEST_PATH, ArcIssuanceService } from './arc-issuance.service.js';
import { answerArcCredentialRequest, answerTokenRequest, sendDirectory } from './issuance-http.js';
import { ISSUER_REQUEST_PATH, IssuanceService } from './issuance.service.js';

type IssuerRequest = FastifyRequest & { issuer?: IssuerHost };

/**
 * Only on an issuer name's host (`<company>.<kind>.issuer.<origin name>`); anywhere else these paths do not exist
 * (404), checked before the session so the origin's host never answers 401 for them.
 */
@Injectable()
export class IssuerHostGuard implements CanActivate {
  constructor(private readonly keys: IssuerKeysService) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<IssuerRequest>();
    const issuer = this.keys.issuerAt(req.host);
    // Each issuer-request-uri exists at its own kind of issuer only: token requests at VOPRF issuers, credential
    // requests at ARC issuers (404, still before any session check).
    const path = req.url.split('?')[0];
    const arc = issuer?.kind === ARC_ISSUER_KIND;
    if (!issuer || (path === ISSUER_REQUEST_PATH && arc) || (path === ARC_CREDENTIAL_REQUEST_PATH && !arc)) {
      throw new CommonError(CommonErrorCode.NotFound);
    }
    req.issuer = issuer;
    return true;
  }
}

/**
 * The issuers at their own names (RFC 9578 §4), one per (company, kind), routed by the Host header:
 *   GET  <issuer name>/.well-known/private-token-issuer-directory  the directory (same bytes as
 *                                                                  /privacy-pass/:company/:kind/issuer-directory)
 *   POST <issuer name>/token-request                               its issuer-request-uri: RFC 9578 §5.1 single and
 *                                                                  batched draft §5.1 requests, by Content-Type
 * and the company's ARC issuer at `<company>.arc.issuer.<origin name>` (draft-ietf-privacypass-arc-protocol):
 *   GET  <ARC issuer name>/.well-known/private-token-issuer-directory  the two live ARC keys
 *   POST <ARC issuer name>/credential-request                          its issuer-request-uri (§7)
 * so a conforming client finds everything from a challenge's issuer_name alone. Issuance needs a session
 * (Authorization: Bearer), as on the origin's paths.
 */
@Controller()
@UseGuards(IssuerHostGuard)
export class IssuerHostController {
  constructor(
    private readonly issuance: IssuanceService,
    private readonly arc: ArcIssuanceService,
  ) {}

  @Get(ISSUER_DIRECTORY_PATH.slice(1))
  async directory(@Req() req: IssuerRequest, @Res() reply: FastifyReply) {
    const { companySlug, kind } = req.issuer!;
    const company = await this.issuance.companyBySlug(companySlug);
    return sendDirectory(
      reply,
      kind === ARC_ISSUER_KIND ? this.arc.directory(company) : this.issuance.directory(company, kind),
    );
  }

  @Post(ISSUER_REQUEST_PATH.slice(1))
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async tokenRequest(@CurrentAccount() account: SessionAccount, @Req() req: IssuerRequest, @Res() reply: FastifyReply) {
    const { companySlug, kind } = req.issuer!;
    if (kind === ARC_ISSUER_KIND) throw new CommonError(CommonErrorCode.NotFound); // the guard answered already
    const company = await this.issuance.companyBySlug(companySlug);
    return answerTokenRequest(this.issuance, account, company, kind, req, reply);
  }

  @Post(ARC_CREDENTIAL_REQUEST_PATH.slice(1))
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async credentialRequest(
    @CurrentAccount() account: SessionAccount,
    @Req() req: IssuerRequest,
    @Res() reply: FastifyReply,
  ) {
    const company = await this.issuance.companyBySlug(req.issuer!.companySlug);
    return answerArcCredentialRequest(this.arc, account, company, req, reply);
  }
}
