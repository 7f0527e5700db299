import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { FORUM_DB } from '@unlinked/db/anonymous';
import { IDENTITY_DB } from '@unlinked/db/identity';
import type { DataSource } from 'typeorm';
import { FORUM_REDIS, IDENTITY_REDIS } from '../redis/redis.module.js';
import type { RedisClient } from '../redis/redis-client.js';

@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    // Each side's database and Redis, when this process runs that side (ROLE).
    @Optional() @Inject(IDENTITY_DB) private readonly identityDb?: DataSource,
    @Optional() @Inject(FORUM_DB) private readonly forumDb?: DataSource,
    @Optional() @Inject(IDENTITY_REDIS) private readonly identityRedis?: RedisClient,
    @Optional() @Inject(FORUM_REDIS) private readonly forumRedis?: RedisClient,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Readiness: the databases and Redis answer. */
  @Get('ready')
  @HealthCheck()
  ready() {
    const databases = [...new Set([this.identityDb, this.forumDb].filter((d) => d !== undefined))];
    const redis = [...new Set([this.identityRedis, this.forumRedis].filter((r) => r !== undefined))];
    return this.health.check([
      ...databases.map(
        (connection, i) => () =>
          this.db.pingCheck(i === 0 ? 'database' : `database${i + 1}`, { connection, timeout: 2000 }),
      ),
      ...redis.map((client, i) => () => this.redisCheck(client, i === 0 ? 'redis' : `redis${i + 1}`)),
    ]);
  }

  private async redisCheck(redis: RedisClient, key: string) {
    const indicator = this.indicators.check(key);
    try {
      return (await redis.ping()) === 'PONG' ? indicator.up() : indicator.down('unexpected reply');
    } catch {
      return indicator.down('unreachable');
    }
  }
}
