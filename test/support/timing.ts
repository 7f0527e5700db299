/**
 * How long a test waits for an event before it gives up, sized for a slow,
 * loaded machine: the stress run (scripts/test-stress.mjs) keeps both cores of
 * a 2-core box busy while the suite runs. A bound is never how long something
 * may take: a passing test waits only as long as the event takes, so these
 * can be generous without slowing the suite. Jest's testTimeout (60 s) is the
 * ceiling for one test.
 */

/** Default bound for a poll (`until`), a page element or a job. */
export const WAIT_MS = 30_000;

/** For waits behind retries, restarts or a stalled-job recovery. */
export const LONG_WAIT_MS = 45_000;

/**
 * Jest timeout for a test whose own work is heavy (hundreds of concurrent
 * token verifications): on a loaded 2-core machine it can need more than the
 * default 60 s, and it must not fail for that.
 */
export const HEAVY_TEST_MS = 420_000;

/**
 * Bound for `nest build worker` (tsc) in a suite's beforeAll: about 12 s on an
 * idle machine, over 3 minutes when a stress run starts every suite at once.
 */
export const BUILD_MS = 480_000;
