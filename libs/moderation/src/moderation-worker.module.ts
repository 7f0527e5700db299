import { Module } from '@nestjs/common';
import { ModerationCoreModule } from './moderation-core.module.js';
import { ModerationProcessor } from './moderation.processor.js';

/** Moderation jobs: screening before publication and flag recounts. */
@Module({ imports: [ModerationCoreModule], providers: [ModerationProcessor] })
export class ModerationWorkerModule {}
