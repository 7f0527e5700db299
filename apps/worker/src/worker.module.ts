import { Module, type DynamicModule } from '@nestjs/common';
import { runSides, type AppConfig } from '@unlinked/config';
import { IdentityWorkerModule } from '@unlinked/identity';
import { PublicationWorkerModule } from '@unlinked/forum';
import { ModerationWorkerModule } from '@unlinked/moderation';
import { QueueWorkersModule } from '@unlinked/platform';

/** The queue runner and the processors of the sides this worker runs (ROLE: identity, forum or all). */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    const sides = runSides(config.role);
    return {
      module: WorkerModule,
      imports: [
        QueueWorkersModule,
        ...(sides.includes('identity') ? [IdentityWorkerModule] : []),
        ...(sides.includes('forum') ? [PublicationWorkerModule, ModerationWorkerModule] : []),
      ],
    };
  }
}
