import { timingSafeEqual } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Post,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { CommonError, CommonErrorCode, INTERNAL_ROUTES, type DirectoryCompany } from '@unlinked/platform';
import type { FastifyRequest } from 'fastify';
import { SessionsService } from '../accounts/sessions.service.js';
import { IdentityCompanyDirectory } from './company-directory.source.js';

/** Only with `Authorization: Bearer <INTERNAL_API_TOKEN>`; without a configured token the routes do not exist. */
@Injectable()
export class InternalTokenGuard implements CanActivate {
  private readonly token: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.token = config.internalApiToken === null ? null : Buffer.from(`Bearer ${config.internalApiToken}`);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.token) throw new CommonError(CommonErrorCode.NotFound);
    const given = Buffer.from(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '');
    if (given.length !== this.token.length || !timingSafeEqual(given, this.token)) {
      throw new CommonError(CommonErrorCode.Unauthenticated);
    }
    return true;
  }
}

/**
 * What the forum service may ask of the identity service in a split deployment (docs/deployment.md), and
 * nothing else: the public company directory with its verified-member counts, and a staff session's account
 * id and role (moderators act under their account). Meant for the internal network only; the reverse proxy
 * does not route /internal.
 */
@Controller()
@UseGuards(InternalTokenGuard)
export class InternalController {
  constructor(
    private readonly directory: IdentityCompanyDirectory,
    private readonly sessions: SessionsService,
  ) {}

  @Get(INTERNAL_ROUTES.companyDirectory.slice(1))
  companyDirectory(): Promise<DirectoryCompany[]> {
    return this.directory.snapshot();
  }

  @Post(INTERNAL_ROUTES.staffSession.slice(1))
  @HttpCode(200)
  async staffSession(
    @Body() body: { token?: unknown },
  ): Promise<{ staff: { accountId: string; role: string } | null }> {
    const session = typeof body?.token === 'string' ? await this.sessions.authenticate(body.token) : null;
    return { staff: session ? { accountId: session.accountId, role: session.role } : null };
  }
}
