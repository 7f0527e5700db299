import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { seedIfEmpty } from '@unlinked/db';
import { DataSource } from 'typeorm';

/** Development convenience: an empty database gets the demo companies at boot. */
@Injectable()
export class SeedOnBoot implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedOnEmpty) return;
    const added = await seedIfEmpty(this.dataSource);
    if (added > 0) this.logger.log(`Seeded ${added} demo companies into the empty database`);
  }
}
