import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { REDIS } from '@unlinked/platform';
import { IdentityError, IdentityErrorCode } from '../identity.errors.js';

const HOUR = 3600;

/**
 * Redis rate limits for the attester, counted per operation (each alias of a
 * GraphQL request consumes its own point). Keys are HMACs (of the normalized
 * address, or of the client IP), never raw values, and expire with their window.
 */
@Injectable()
export class RateLimitsService {
  private readonly perClient: RateLimiterRedis;
  private readonly codeRequestsPerAddress: RateLimiterRedis;
  private readonly verifyPerAddress: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.queuePrefix}:rl:${name}`,
        points,
        duration: HOUR,
      });
    this.perClient = limiter('identity-client', config.identity.identityOpsPerClientPerHour);
    this.codeRequestsPerAddress = limiter('code-address', config.identity.codeRequestsPerAddressPerHour);
    this.verifyPerAddress = limiter('verify-address', config.identity.verifyAttemptsPerAddressPerHour);
  }

  consumeClient(clientKey: string): Promise<void> {
    return this.consume(this.perClient, clientKey);
  }

  consumeCodeRequest(addressKey: string): Promise<void> {
    return this.consume(this.codeRequestsPerAddress, addressKey);
  }

  consumeVerifyAttempt(addressKey: string): Promise<void> {
    return this.consume(this.verifyPerAddress, addressKey);
  }

  private async consume(limiter: RateLimiterRedis, key: string): Promise<void> {
    try {
      await limiter.consume(key, 1);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw new IdentityError(IdentityErrorCode.RateLimited);
      throw e;
    }
  }
}
