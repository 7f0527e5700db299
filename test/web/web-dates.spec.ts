import { describe, expect, it } from '@jest/globals';
import { relativeTime } from '../../apps/web/src/components/relative-time.js';

describe('relative dates (issue 13)', () => {
  const now = Date.parse('2026-03-10T15:20:00Z');
  const at = (iso: string, locale = 'en') => relativeTime(iso, locale, now);

  it('says hours and days ago, never finer than the hour bucket', () => {
    expect(at('2026-03-10T15:00:00Z').text).toBe('this hour');
    expect(at('2026-03-10T13:00:00Z').text).toBe('2 hours ago');
    expect(at('2026-03-08T15:00:00Z').text).toBe('2 days ago');
    expect(at('2026-03-10T13:00:00Z', 'zh-CN').text).toBe('2小时前');
  });

  it('shows an absolute date past a month, and the full date in the hover text', () => {
    expect(at('2025-11-02T09:00:00Z').text).toBe('Nov 2, 2025');
    expect(at('2026-03-10T13:00:00Z').full).toMatch(/March 10, 2026/);
  });
});
