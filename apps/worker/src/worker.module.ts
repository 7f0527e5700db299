import { Module } from '@nestjs/common';
import { IdentityWorkerModule } from '@unlinked/identity';
import { PublicationWorkerModule } from '@unlinked/forum';
import { ModerationWorkerModule } from '@unlinked/moderation';
import { QueueWorkersModule } from '@unlinked/platform';

/** Every queue processor: the queue runner and each side's jobs. */
@Module({ imports: [QueueWorkersModule, IdentityWorkerModule, PublicationWorkerModule, ModerationWorkerModule] })
export class WorkerModule {}
