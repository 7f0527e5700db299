import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { LogTally } from './log-tally.js';

describe('LogTally: one line per window, not one per event', () => {
  let lines: [Record<string, unknown>, string][];
  let now: number;
  const logger = {
    log: (obj: unknown, msg: unknown) => void lines.push([obj as Record<string, unknown>, msg as string]),
  };

  beforeEach(() => {
    jest.useFakeTimers();
    lines = [];
    now = Date.UTC(2026, 11, 2, 10, 7, 12, 345);
    jest.setSystemTime(now);
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('counts events by label set and writes them together at the next window boundary', () => {
    const tally = new LogTally(logger, 'Screened', 300, () => now);
    tally.add({ contentType: 'thread', outcome: 'publish' });
    tally.add({ outcome: 'publish', contentType: 'thread' });
    tally.add({ contentType: 'reply', outcome: 'hold' }, { n: 2 });
    expect(lines).toEqual([]);
    // 10:07:12.345 → the window 10:05–10:10 closes in 2 min 47.655 s.
    jest.advanceTimersByTime(167_654);
    expect(lines).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(lines).toEqual([
      [
        {
          window: '2026-12-02T10:05:00.000Z',
          windowSeconds: 300,
          counts: [
            { contentType: 'thread', outcome: 'publish', n: 2 },
            { contentType: 'reply', outcome: 'hold', n: 2 },
          ],
        },
        'Screened',
      ],
    ]);
  });

  it('reports mean and maximum durations when given, and nothing for an empty window', () => {
    const tally = new LogTally(logger, 'requests', 60, () => now);
    tally.flush();
    expect(lines).toEqual([]);
    tally.add({ route: '/graphql' }, { ms: 10 });
    tally.add({ route: '/graphql' }, { ms: 31.26 });
    tally.flush();
    expect(lines[0][0].counts).toEqual([{ route: '/graphql', n: 2, meanMs: 20.6, maxMs: 31.3 }]);
    expect(lines[0][0].window).toBe('2026-12-02T10:07:00.000Z');
    // The flush closed the window: the timer it had set writes nothing more.
    jest.advanceTimersByTime(120_000);
    expect(lines).toHaveLength(1);
  });
});
