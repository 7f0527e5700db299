import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, type AppConfig } from '@unlinked/config';
import { Logger } from 'nestjs-pino';
import { CoreModule, exitIfServicesMissing } from '@unlinked/platform';
import { WorkerMetricsServer } from './worker-metrics.server.js';
import { WorkerModule } from './worker.module.js';

@Module({})
class WorkerAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [CoreModule.forRoot(config), WorkerModule.forRoot(config)],
      providers: [WorkerMetricsServer],
    };
  }
}

/** The worker: BullMQ processors in an application context with no HTTP server. */
const config = loadConfigOrExit();
await exitIfServicesMissing(config);
const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config), { bufferLogs: true });
app.useLogger(app.get(Logger));
app.enableShutdownHooks();
app.get(Logger).log('Unlinked worker started');
