import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { runSides, type AppConfig } from '@unlinked/config';
import { sideDataSourceOptions } from '@unlinked/db';
import { FORUM_DB } from '@unlinked/db/anonymous';
import { IDENTITY_DB } from '@unlinked/db/identity';
import { DataSource } from 'typeorm';
import { routeReadsToReplicas } from './replica-reads.js';

/** Every data source this process opened, for shutdown. */
const OPENED = Symbol('OPENED_DATA_SOURCES');

@Injectable()
class DataSourcesShutdown implements OnApplicationShutdown {
  constructor(@Inject(OPENED) private readonly opened: DataSource[]) {}

  async onApplicationShutdown(): Promise<void> {
    for (const ds of this.opened) if (ds.isInitialized) await ds.destroy();
  }
}

/**
 * Each side's database connection (privacy rule 1): IDENTITY_DB for the attester and issuer, FORUM_DB for
 * the origin (forum, moderation), each injected only by its own side. A process provides the tokens of the
 * sides it runs (ROLE). When both sides use one database (the development default), one DataSource with
 * every table and migration serves both tokens; with IDENTITY_DATABASE_URL ≠ FORUM_DATABASE_URL each side
 * gets its own connection, tables and migrations, and neither connection can see the other side's tables.
 * No plain `DataSource` is provided: code that does not say its side does not boot.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    const sides = runSides(config.role);
    const sources = sideDataSourceOptions(config, sides).map(({ side, options }) => ({
      side,
      dataSource:
        'replication' in options && options.replication
          ? routeReadsToReplicas(new DataSource(options))
          : new DataSource(options),
      opening: undefined as Promise<DataSource> | undefined,
    }));
    const tokenOf = { identity: IDENTITY_DB, forum: FORUM_DB };
    const providers: Provider[] = [
      { provide: OPENED, useValue: sources.map((s) => s.dataSource) },
      DataSourcesShutdown,
    ];
    for (const side of sides) {
      const source = sources.find((s) => s.side === side || s.side === 'shared')!;
      providers.push({
        provide: tokenOf[side],
        // Opened once (migrations run here when MIGRATIONS_RUN), whichever token asks first.
        useFactory: () => (source.opening ??= source.dataSource.initialize()),
      });
    }
    return {
      module: DatabaseModule,
      providers,
      exports: sides.map((side) => tokenOf[side]),
    };
  }
}
