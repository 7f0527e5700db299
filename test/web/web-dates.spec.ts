import { describe, expect, it } from '@jest/globals';
import { monthText, readerLocale, relativeTime } from '../../apps/web/src/components/relative-time.js';

describe('relative dates (issue 13)', () => {
  const now = Date.parse('2026-03-10T15:20:00Z');
  const at = (iso: string, locale = 'en') => relativeTime(iso, locale, now);

  it('says hours and days ago, never finer than the hour bucket', () => {
    expect(at('2026-03-10T15:00:00Z').text).toBe('this hour');
    expect(at('2026-03-10T13:00:00Z').text).toBe('2 hours ago');
    expect(at('2026-03-08T15:00:00Z').text).toBe('2 days ago');
    expect(at('2026-03-10T13:00:00Z', 'zh-CN').text).toBe('2小时前');
    expect(at('2026-03-10T15:00:00Z', 'zh-CN').text).toBe('一小时内');
  });

  it('shows an absolute date past a month, and the full date in the hover text', () => {
    expect(at('2025-11-02T09:00:00Z').text).toBe('Nov 2, 2025');
    expect(at('2026-03-10T13:00:00Z').full).toMatch(/March 10, 2026/);
  });

  it("writes dates in the reader's own locale for the interface's language", () => {
    expect(readerLocale('en', ['en-GB', 'de'])).toBe('en-GB');
    expect(readerLocale('en', ['de-DE', 'en-AU'])).toBe('en-AU');
    expect(readerLocale('en', ['de-DE'])).toBe('en');
    expect(readerLocale('zh', ['en-GB', 'zh-TW'])).toBe('zh-TW');
    expect(readerLocale('zh', ['en-US'])).toBe('zh-CN');
    expect(at('2026-03-08T15:00:00Z', readerLocale('en', ['en-GB'])).full).toMatch(/^8 March 2026/);
  });

  it("writes an interview's month as words, not YYYY-MM", () => {
    expect(monthText('2026-03', 'en')).toBe('March 2026');
    expect(monthText('2026-03', 'zh-CN')).toBe('2026年3月');
    expect(monthText('2025-12', 'en-GB')).toBe('December 2025');
  });
});
