import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { IDENTITY_REDIS, type RedisClient } from '@unlinked/platform';
import { IdentityError, IdentityErrorCode } from '../identity.errors.js';
import { clientKey } from './client-key.js';

const HOUR = 3600;
const DAY = 86400;

/** A fixed-window limit: at most `points` per window of `seconds`, aligned to Unix time. */
interface Limit {
  readonly name: string;
  readonly points: number;
  readonly seconds: number;
}

/**
 * Redis rate limits for the attester, counted per operation (each alias of a
 * GraphQL request consumes its own point). Keys are HMACs (of the normalized
 * address, of its domain, or of the client network under a rotating key),
 * never raw values.
 *
 * Windows are fixed and aligned to the hour: a key is named with its window
 * number and expires at the window's end, so neither its name nor its TTL
 * dates an address's first request (issue 15), only the hour.
 */
@Injectable()
export class RateLimitsService {
  private readonly prefix: string;
  private readonly perClient: Limit;
  private readonly codeRequestsPerAddressClient: Limit;
  private readonly codeRequestsPerAddress: Limit;
  private readonly verifyPerAddressClient: Limit;
  private readonly verifyFailuresPerDomain: Limit;
  private readonly now = Date.now;
  /** Day number → that day's client key, once read from Redis. */
  private readonly dayKeys = new Map<number, Promise<Buffer>>();

  constructor(
    @Inject(IDENTITY_REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const id = config.identity;
    this.prefix = `${config.storage.identity.queuePrefix}:rl`;
    this.perClient = { name: 'identity-client', points: id.identityOpsPerClientPerHour, seconds: HOUR };
    this.codeRequestsPerAddressClient = {
      name: 'code-address-client',
      points: id.codeRequestsPerAddressPerHour,
      seconds: HOUR,
    };
    this.codeRequestsPerAddress = {
      name: 'code-address',
      points: id.codeRequestsPerAddressTotalPerHour,
      seconds: HOUR,
    };
    this.verifyPerAddressClient = {
      name: 'verify-address-client',
      points: id.verifyAttemptsPerAddressPerHour,
      seconds: HOUR,
    };
    this.verifyFailuresPerDomain = { name: 'verify-domain', points: id.verifyFailuresPerDomainPerHour, seconds: HOUR };
  }

  /**
   * The client's keys: under today's rotating key first, then yesterday's (a
   * code requested just before midnight UTC still verifies after it).
   */
  async clientKeys(ip: string): Promise<[current: string, previous: string]> {
    const day = Math.floor(this.now() / 1000 / DAY);
    const [today, yesterday] = await Promise.all([this.dayKey(day), this.dayKey(day - 1)]);
    return [clientKey(today, ip), clientKey(yesterday, ip)];
  }

  consumeClient(client: string): Promise<void> {
    return this.consume(this.perClient, client);
  }

  /** A code request: per (address, client), and per address across all clients. */
  async consumeCodeRequest(address: string, client: string): Promise<void> {
    await this.consume(this.codeRequestsPerAddressClient, `${address}:${client}`);
    await this.consume(this.codeRequestsPerAddress, address);
  }

  /** A code check, per (address, client): another client's checks never use up the owner's. */
  consumeVerifyAttempt(address: string, client: string): Promise<void> {
    return this.consume(this.verifyPerAddressClient, `${address}:${client}`);
  }

  /** Refuses a code check once the domain's wrong guesses this hour reached the cap. */
  async checkDomain(domain: string): Promise<void> {
    const count = Number((await this.redis.get(this.key(this.verifyFailuresPerDomain, domain))) ?? 0);
    if (count >= this.verifyFailuresPerDomain.points) throw new IdentityError(IdentityErrorCode.RateLimited);
  }

  /** Counts one wrong guess on a live code against its domain. */
  async countDomainFailure(domain: string): Promise<void> {
    await this.increment(this.verifyFailuresPerDomain, domain);
  }

  private async consume(limit: Limit, key: string): Promise<void> {
    if ((await this.increment(limit, key)) > limit.points) throw new IdentityError(IdentityErrorCode.RateLimited);
  }

  private async increment(limit: Limit, key: string): Promise<number> {
    const window = Math.floor(this.now() / 1000 / limit.seconds);
    const redisKey = this.key(limit, key, window);
    const results = await this.redis
      .multi()
      .incr(redisKey)
      .expireat(redisKey, (window + 1) * limit.seconds)
      .exec();
    const [error, count] = results![0];
    if (error) throw error;
    return count as number;
  }

  private key(limit: Limit, key: string, window = Math.floor(this.now() / 1000 / limit.seconds)): string {
    return `${this.prefix}:${limit.name}:${window}:${key}`;
  }

  /**
   * A day's random client key, shared by every API process through Redis and
   * expiring at the end of the next day: nothing keeps it longer, so old
   * rate-limit keys cannot be tied back to addresses.
   */
  private dayKey(day: number): Promise<Buffer> {
    let key = this.dayKeys.get(day);
    if (!key) {
      key = this.readDayKey(day);
      this.dayKeys.set(day, key);
      key.catch(() => this.dayKeys.delete(day));
      for (const old of this.dayKeys.keys()) if (old < day - 1) this.dayKeys.delete(old);
    }
    return key;
  }

  private async readDayKey(day: number): Promise<Buffer> {
    const name = `${this.prefix}:client-key:${day}`;
    await this.redis.set(name, randomBytes(32).toString('hex'), 'EXAT', (day + 2) * DAY, 'NX');
    return Buffer.from((await this.redis.get(name))!, 'hex');
  }
}
