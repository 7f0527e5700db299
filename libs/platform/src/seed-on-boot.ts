import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { seedIfEmpty } from '@unlinked/db';
import { FORUM_DB } from '@unlinked/db/anonymous';
import { IDENTITY_DB } from '@unlinked/db/identity';
import type { DataSource } from 'typeorm';

/**
 * Development convenience: an empty database gets the demo companies at boot. The identity side owns the
 * company directory; with split databases the forum side gets them from it (CompanyReplicaService), never
 * seeded on its own (company ids must agree on both sides).
 */
@Injectable()
export class SeedOnBoot implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(IDENTITY_DB) private readonly identity?: DataSource,
    @Optional() @Inject(FORUM_DB) private readonly forum?: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const owner = this.identity ?? (this.config.splitDatabases ? undefined : this.forum);
    if (!this.config.seedOnEmpty || !owner) return;
    const added = await seedIfEmpty(owner);
    if (added > 0) this.logger.log(`Seeded ${added} demo companies into the empty database`);
  }
}
