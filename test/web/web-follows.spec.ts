import { describe, expect, it } from '@jest/globals';
import { newCount } from '../../apps/web/src/store/follows.js';

describe('following: what counts as new', () => {
  it('counts new replies in a thread, never below zero', () => {
    expect(newCount({ seen: 3, latest: 5 })).toBe(2);
    expect(newCount({ seen: 3, latest: 3 })).toBe(0);
    // A reply deleted since: nothing new, not minus one.
    expect(newCount({ seen: 3, latest: 2 })).toBe(0);
  });

  it('counts a company’s new threads and their replies, and new replies in threads already seen', () => {
    expect(newCount({ seen: { a: 1, b: 0 }, latest: { a: 3, b: 0, c: 0, d: 2 } })).toBe(2 + 1 + 3);
    expect(newCount({ seen: { a: 1 }, latest: { a: 1 } })).toBe(0);
    // A thread that left the newest page is simply not counted.
    expect(newCount({ seen: { a: 1, gone: 4 }, latest: { a: 1 } })).toBe(0);
  });
});
