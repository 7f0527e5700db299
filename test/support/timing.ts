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
