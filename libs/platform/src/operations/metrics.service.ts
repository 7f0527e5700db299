import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { MetricsWindow } from './metrics-window.js';

/** Queue states reported by the queue-depth gauge. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'] as const;

/**
 * Prometheus metrics of one process. Each instance has its own registry (not
 * prom-client's global one), so several apps in one process (tests) do not
 * collide. Labels are queue names, job names, rule ids and outcomes: fixed,
 * small sets with nothing personal in them.
 *
 * Scrapes read `exposition()`, a snapshot taken at METRICS_WINDOW_SECONDS
 * boundaries (see MetricsWindow), never `registry` directly.
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly registry = new Registry();
  private readonly window: MetricsWindow;
  private readonly enabled: boolean;

  readonly jobDuration = new Histogram({
    name: 'unlinked_job_duration_seconds',
    help: 'Time a job spent running (processedOn to finishedOn), by queue and job',
    labelNames: ['queue', 'job'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly jobsCompleted = new Counter({
    name: 'unlinked_jobs_completed_total',
    help: 'Jobs completed, by queue and job',
    labelNames: ['queue', 'job'] as const,
    registers: [this.registry],
  });

  readonly jobsFailed = new Counter({
    name: 'unlinked_jobs_failed_total',
    help: 'Job attempts that failed, by queue and job; final="true" once no retry is left',
    labelNames: ['queue', 'job', 'final'] as const,
    registers: [this.registry],
  });

  readonly moderationDecisions = new Counter({
    name: 'unlinked_moderation_decisions_total',
    help: 'Moderation decisions, by source (screening, flags, moderator, appeal) and outcome',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly screeningHits = new Counter({
    name: 'unlinked_screening_hits_total',
    help: 'Screening rules that fired, by rule id',
    labelNames: ['rule'] as const,
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'unlinked_queue_jobs',
    help: 'Jobs in each queue by state, read from Redis at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
    collect: async () => {
      if (this.depthSource) await this.depthSource(this.queueJobs);
    },
  });

  private depthSource?: (gauge: Gauge<'queue' | 'state'>) => Promise<void>;

  constructor(@Optional() @Inject(APP_CONFIG) config?: AppConfig) {
    collectDefaultMetrics({ register: this.registry, prefix: 'unlinked_' });
    this.enabled = config?.operations.metricsEnabled ?? true;
    const seconds = config?.operations.metricsWindowSeconds ?? 300;
    this.window = new MetricsWindow(() => this.registry.metrics(), seconds * 1000);
  }

  /** After every module's init, so the queue-depth source is in place for the first snapshot. */
  onApplicationBootstrap(): void {
    if (this.enabled) this.window.start();
  }

  onModuleDestroy(): void {
    this.window.stop();
  }

  /** What a scrape returns: the text exposition as of the last window boundary. */
  exposition(): Promise<string> {
    return this.window.read();
  }

  /** Takes a snapshot now instead of at the next boundary (tests; never on a request path). */
  snapshotNow(): Promise<string> {
    return this.window.take();
  }

  /** Lets the queue owner fill the depth gauge at scrape time. */
  setQueueDepthSource(source: (gauge: Gauge<'queue' | 'state'>) => Promise<void>): void {
    this.depthSource = source;
  }
}
