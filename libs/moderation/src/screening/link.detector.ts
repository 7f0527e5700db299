import { LinkifyIt } from 'linkify-it';
import { getDomain, getHostname } from 'tldts';

/** Well-known URL shorteners: they hide where a link goes, a favourite of spam. */
const SHORTENERS = new Set([
  'bit.ly',
  'tinyurl.com',
  't.co',
  'goo.gl',
  'ow.ly',
  'is.gd',
  'buff.ly',
  'rebrand.ly',
  'cutt.ly',
  'shorturl.at',
  't.cn',
  'dwz.cn',
  'url.cn',
  'suo.im',
  'rb.gy',
  'tiny.cc',
]);

/**
 * linkify-it (markdown-it's link finder) with fuzzy links on, so "acme.com"
 * without a scheme counts. Extra TLDs popular with spam are added to its list.
 */
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false }).tlds(
  ['app', 'dev', 'xyz', 'top', 'site', 'online', 'club', 'vip', 'shop', 'link', 'click', 'live', 'icu', 'io', 'ai'],
  true,
);

/**
 * linkify-it wants a boundary before a fuzzy link, which Chinese text (no
 * spaces between words) does not give: "访问acme.com了解". Spacing out Han
 * characters and full-width punctuation keeps lengths comparable and lets
 * the links be found.
 */
function spaceOutCjk(text: string): string {
  return text.replace(/([\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu, ' $1 ');
}

export interface FoundLink {
  /** Registrable domain (eTLD+1) when there is one, else the host. */
  readonly domain: string;
  readonly shortener: boolean;
}

export function findLinks(text: string): FoundLink[] {
  const matches = linkify.match(spaceOutCjk(text)) ?? [];
  return matches.map((m) => {
    const host = (getHostname(m.url) ?? '').toLowerCase();
    const domain = (getDomain(m.url) ?? host).toLowerCase();
    return {
      domain,
      shortener: SHORTENERS.has(host) || SHORTENERS.has(domain),
    };
  });
}

/** True when the domain is an allowed domain or a subdomain of one. */
export function isAllowedDomain(domain: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => domain === a || domain.endsWith(`.${a}`));
}
