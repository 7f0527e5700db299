import { ConfigError } from './config.errors.js';
import { bool, int, pairs, str, type Env } from './env-parsers.js';

/** Running the service: metrics, Bull Board, queue workers and the job scheduler (neither side's settings). */
export interface OperationsConfig {
  /** Mount the Bull Board dashboard at /admin/queues (admin sessions only). */
  readonly bullBoardEnabled: boolean;
  /** Serve Prometheus metrics (API: on METRICS_HOST:METRICS_PORT; worker: on WORKER_METRICS_PORT). */
  readonly metricsEnabled: boolean;
  /** Port of the API process's metrics listener, apart from the public port (0: off). */
  readonly metricsPort: number;
  /** Address the metrics listeners (API and worker) bind to; loopback unless an operator opens it. */
  readonly metricsHost: string;
  /**
   * Scrapes return a snapshot taken at the last multiple of this many seconds (Unix time), so no
   * series moves at the instant of an anonymous write or a code request (privacy rule 5).
   */
  readonly metricsWindowSeconds: number;
  /**
   * Requests, screening, publication, relays and code mails are logged as one tally per window of this many
   * seconds (Unix time), not a line per event, so logs date no anonymous write (privacy rule 5).
   */
  readonly logWindowSeconds: number;
  /**
   * Length (approximate: Redis trims whole stream nodes) of each queue's BullMQ event stream, whose entry ids are
   * millisecond times of job events; kept short so Redis holds no history of when content moved.
   */
  readonly queueEventsMaxLen: number;
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

/** `test`: no fixed metrics port by default, so parallel suites do not collide. */
export function loadOperationsConfig(env: Env, nodeEnv = 'development'): OperationsConfig {
  return {
    bullBoardEnabled: bool(env, 'BULL_BOARD_ENABLED', false),
    metricsEnabled: bool(env, 'METRICS_ENABLED', true),
    metricsPort: int(env, 'METRICS_PORT', nodeEnv === 'test' ? 0 : 9463, 0, 65535),
    metricsHost: str(env, 'METRICS_HOST', '127.0.0.1'),
    metricsWindowSeconds: int(env, 'METRICS_WINDOW_SECONDS', 300, 1, 86400),
    logWindowSeconds: int(env, 'LOG_WINDOW_SECONDS', 300, 1, 86400),
    queueEventsMaxLen: int(env, 'QUEUE_EVENTS_MAX_LEN', 100, 1, 100_000),
    queueConcurrency: parseQueueConcurrency(env),
    workerLockDurationMs: int(env, 'WORKER_LOCK_DURATION_MS', 30_000, 500, 600_000),
    workerStalledIntervalMs: int(env, 'WORKER_STALLED_INTERVAL_MS', 30_000, 500, 600_000),
    schedulerResyncMs: int(env, 'SCHEDULER_RESYNC_MS', 15_000, 100, 3_600_000),
    workerMetricsPort: int(env, 'WORKER_METRICS_PORT', 9464, 0, 65535),
  };
}
