import { ConfigError } from './config.errors.js';
import { bool, int, pairs, type Env } from './env-parsers.js';

/** Running the service: metrics, Bull Board, queue workers and the job scheduler (neither side's settings). */
export interface OperationsConfig {
  /** Mount the Bull Board dashboard at /admin/queues (admin sessions only). */
  readonly bullBoardEnabled: boolean;
  /** Serve Prometheus metrics at GET /metrics. */
  readonly metricsEnabled: boolean;
  /** Per-queue worker concurrency overrides (queue name → concurrency). */
  readonly queueConcurrency: Readonly<Record<string, number>>;
  /** BullMQ lock duration and stalled-job check interval: a crashed worker's job is retried after about this long. */
  readonly workerLockDurationMs: number;
  readonly workerStalledIntervalMs: number;
  /** How often the worker re-registers repeatable jobs (they vanish if Redis restarts without persistence). */
  readonly schedulerResyncMs: number;
  /** Port of the worker process's own /metrics server (0: off). */
  readonly workerMetricsPort: number;
}

/** `QUEUE_CONCURRENCY=queue=n,...` → queue name → concurrency (1 to 256). */
export function parseQueueConcurrency(env: Env): Record<string, number> {
  const queueConcurrency: Record<string, number> = {};
  for (const [queue, value] of pairs(env, 'QUEUE_CONCURRENCY')) {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256) {
      throw new ConfigError('QUEUE_CONCURRENCY', `concurrency for "${queue}" must be an integer from 1 to 256`);
    }
    queueConcurrency[queue] = Number(value);
  }
  return queueConcurrency;
}

export function loadOperationsConfig(env: Env): OperationsConfig {
  return {
    bullBoardEnabled: bool(env, 'BULL_BOARD_ENABLED', false),
    metricsEnabled: bool(env, 'METRICS_ENABLED', true),
    queueConcurrency: parseQueueConcurrency(env),
    workerLockDurationMs: int(env, 'WORKER_LOCK_DURATION_MS', 30_000, 500, 600_000),
    workerStalledIntervalMs: int(env, 'WORKER_STALLED_INTERVAL_MS', 30_000, 500, 600_000),
    schedulerResyncMs: int(env, 'SCHEDULER_RESYNC_MS', 15_000, 100, 3_600_000),
    workerMetricsPort: int(env, 'WORKER_METRICS_PORT', 9464, 0, 65535),
  };
}
