import { Module } from '@nestjs/common';
import { PublicationModule } from './publication.module.js';
import { PublicationProcessor } from './publication.processor.js';

/** Forum jobs: the outbox relay and delayed publication. */
@Module({ imports: [PublicationModule], providers: [PublicationProcessor] })
export class PublicationWorkerModule {}
