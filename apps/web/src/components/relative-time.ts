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
  if (hours < 24) return { text: rtf.format(-hours, 'hour'), full };
  const days = Math.floor(hours / 24);
  if (days < 30) return { text: rtf.format(-days, 'day'), full };
  return { text: date.toLocaleDateString(locale, { dateStyle: 'medium' }), full };
}
