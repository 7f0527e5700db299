import { LinkifyIt } from 'linkify-it';

/** A run of post text: plain text, or an http(s) link with the address it opens. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

/**
 * linkify-it (markdown-it's link finder, also used by moderation's link detector) with every schema but http: and
 * https: removed and no fuzzy matching: only what the author wrote as a full web address becomes a link, so
 * `javascript:`, `data:`, `mailto:` or a bare "example.com" stay text.
 */
const finder = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false })
  .add('ftp:', null)
  .add('//', null)
  .add('mailto:', null);

/**
 * linkify-it wants a boundary before a link, which Chinese text does not give ("见https://…"): a Han character or
 * full-width punctuation right before the scheme is read as a space of the same length, so offsets stay the text's.
 */
const beforeScheme = (text: string) =>
  text.replace(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef](?=https?:)/giu, (c) => ' '.repeat(c.length));

/** The address a link may open: an absolute http(s) URL, as the URL parser reads it; anything else is no link. */
function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Splits post text into plain runs and http(s) links; the parts joined give back the text unchanged. */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of finder.match(beforeScheme(text)) ?? []) {
    const href = safeHref(m.url);
    if (!href) continue;
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ text: text.slice(m.index, m.lastIndex), href });
    at = m.lastIndex;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
