import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { JobName, QueueName, type JobPayloads } from '@unlinked/jobs';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { InjectIdentityDb } from '@unlinked/db/identity';
import { AccountsService, type AccountRow } from '../accounts/accounts.service.js';
import { SessionsService } from '../accounts/sessions.service.js';
import { codeHash, emailHmac, newCode, sameBytes } from '../identity.crypto.js';
import { IdentityError, IdentityErrorCode } from '../identity.errors.js';
import { AddressProblem, parseWorkAddress, type WorkAddress } from './email-address.js';
import { RateLimitsService } from './rate-limits.service.js';
import { VerificationCodesRepository } from './verification-codes.repository.js';

export const CODE_DIGITS = 6;

export interface VerifiedSession {
  token: string;
  expiresAt: Date;
  account: AccountRow;
}

/**
 * The attester (RFC 9576 §3): proves that a person reads a mailbox at a work
 * domain with a one-time code. Responses never depend on whether the address
 * already has an account.
 */
@Injectable()
export class AttesterService {
  private readonly logger = new Logger(AttesterService.name);

  constructor(
    @InjectIdentityDb() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Mail)
    private readonly mail: Queue<JobPayloads[JobName.SendVerificationCode]>,
    private readonly limits: RateLimitsService,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly codes: VerificationCodesRepository,
  ) {}

  /**
   * Queues a fresh code for the address. The code belongs to the requesting client (its network, see
   * client-key.ts): it is stored per (address, client), so the client's own next request replaces it but
   * another client's request does not, only that client's guesses count against it, and its request budget is
   * its own. Nobody else can void it, by asking or by guessing, nor rate-limit its owner out of asking again.
   */
  async requestCode(email: string, ip: string): Promise<{ expiresInSeconds: number }> {
    const [client, previousClient] = await this.limits.clientKeys(ip);
    await this.limits.consumeClient(client);
    const address = this.parse(email);
    const hmac = emailHmac(this.config.secrets.emailPepper, address.normalized);
    await this.limits.consumeCodeRequest(hmac.toString('base64url'), client);
    const code = newCode(CODE_DIGITS);
    const ttl = this.config.identity.codeTtlMinutes * 60;
    // The row id names this request; the code hash is bound to it, so a code only ever
    // verifies against the request that created it, and the client's new request voids its old code.
    await this.dataSource.transaction(async (tx) => {
      const id = await this.codes.newId(tx);
      await this.codes.replace(
        { id, emailHmac: hmac, clientKey: client, codeHash: codeHash(this.config.secrets.sessionSecret, id, code) },
        previousClient,
        ttl,
        tx,
      );
      try {
        // Privacy rule 7: the job holds the only copy of the raw address and is removed on completion.
        await this.mail.add(
          JobName.SendVerificationCode,
          { to: address.deliverTo, code },
          {
            removeOnComplete: true,
            attempts: this.config.mailAttempts,
            backoff: { type: 'exponential', delay: this.config.mailBackoffMs },
          },
        );
      } catch (e) {
        this.logger.error({ err: { type: (e as Error).name } }, 'Could not queue a verification mail');
        throw new IdentityError(IdentityErrorCode.MailUnavailable);
      }
    });
    return { expiresInSeconds: ttl };
  }

  /**
   * Checks a code; on success the account is created or re-verified and a new session is returned.
   * Brute force stays bounded: a code dies after CODE_MAX_ATTEMPTS wrong guesses; a client has
   * RATE_VERIFY_PER_ADDRESS checks per address per hour; an address gets at most
   * RATE_CODE_REQUESTS_PER_ADDRESS_TOTAL codes per hour; a domain takes RATE_VERIFY_PER_DOMAIN wrong
   * guesses per hour across all its addresses. A check is compared only with the code issued to the
   * checking client: the codes other clients requested for the address are never read or touched.
   */
  async verifyCode(email: string, code: string, ip: string): Promise<VerifiedSession> {
    const clients = await this.limits.clientKeys(ip);
    await this.limits.consumeClient(clients[0]);
    const address = this.parse(email);
    const hmac = emailHmac(this.config.secrets.emailPepper, address.normalized);
    const domain = emailHmac(this.config.secrets.emailPepper, `@${address.registrableDomain}`).toString('base64url');
    await this.limits.consumeVerifyAttempt(hmac.toString('base64url'), clients[0]);
    await this.limits.checkDomain(domain);
    const wellFormed = typeof code === 'string' && new RegExp(`^[0-9]{${CODE_DIGITS}}$`).test(code);
    const outcome = await this.dataSource.transaction(async (tx) => {
      const row = await this.codes.lockForClient(hmac, clients, tx);
      if (!row || !row.live) return { error: IdentityErrorCode.InvalidCode } as const;
      const matches = wellFormed && sameBytes(codeHash(this.config.secrets.sessionSecret, row.id, code), row.codeHash);
      if (!matches) {
        await this.limits.countDomainFailure(domain);
        const attempts = row.attempts + 1;
        if (attempts >= this.config.identity.codeMaxAttempts) {
          await this.codes.delete(row.id, tx);
          return { error: IdentityErrorCode.CodeAttemptsExhausted } as const;
        }
        await this.codes.setAttempts(row.id, attempts, tx);
        return { error: IdentityErrorCode.InvalidCode } as const;
      }
      // Single use.
      await this.codes.delete(row.id, tx);
      const companyId = await this.accounts.companyForAddress(tx, address);
      const account = await this.accounts.verify(tx, hmac, companyId);
      const session = await this.sessions.create(account.id, tx);
      return { session: { ...session, account } } as const;
    });
    if (outcome.session) return outcome.session;
    throw new IdentityError(outcome.error);
  }

  private parse(email: string): WorkAddress {
    const parsed = parseWorkAddress(email);
    if (parsed.ok) return parsed.address;
    switch (parsed.problem) {
      case AddressProblem.FreeMail:
      case AddressProblem.Disposable:
        throw new IdentityError(IdentityErrorCode.UseWorkEmail);
      case AddressProblem.Confusable:
        throw new IdentityError(IdentityErrorCode.ConfusableDomain);
      case AddressProblem.Invalid:
      case AddressProblem.TooLong:
      case AddressProblem.ControlCharacters:
        throw new IdentityError(IdentityErrorCode.InvalidAddress);
    }
  }
}
