/**
 * "3 hours ago" (in the reader's language), the full date and time on hover. Stored times are hour buckets
 * (privacy rule 5), so nothing finer than an hour is claimed: the current hour reads "this hour".
 */
export function relativeTime(iso: string, locale: string, now = Date.now()): { text: string; full: string } {
  const date = new Date(iso);
  const full = date.toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' });
  const hours = Math.floor((now - date.getTime()) / 3_600_000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (hours < 0) return { text: date.toLocaleDateString(locale), full };
  // CLDR's Chinese "this hour" reads "这一时间 / 此时" (both of its forms); say "within the hour" instead.
  if (hours === 0 && locale.startsWith('zh')) return { text: '一小时内', full };
  if (hours < 24) return { text: rtf.format(-hours, 'hour'), full };
  const days = Math.floor(hours / 24);
  if (days < 30) return { text: rtf.format(-days, 'day'), full };
  return { text: date.toLocaleDateString(locale, { dateStyle: 'medium' }), full };
}

/**
 * The locale to write dates in: the browser's own preference in the interface's language (en-GB gets "2 December",
 * not the US order), else that language's usual form (Simplified Chinese for zh).
 */
export function readerLocale(language: string, preferred: readonly string[] = navigator.languages): string {
  const ui = language.startsWith('zh') ? 'zh' : 'en';
  const own = preferred.find((l) => l.toLowerCase().split('-')[0] === ui);
  if (own && Intl.DateTimeFormat.supportedLocalesOf(own).length > 0) return own;
  return ui === 'zh' ? 'zh-CN' : 'en';
}

/** A "YYYY-MM" month (an interview's) as the reader writes it: "March 2026", "2026年3月". */
export function monthText(month: string, locale: string): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString(locale, {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
}
