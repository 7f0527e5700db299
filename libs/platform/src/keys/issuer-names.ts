import { isTokenKind, type TokenKind } from './token-kind.js';

/**
 * Names of the origin and of the issuers (RFC 9577 §2.1.1, RFC 9578 §4), all
 * derived from PUBLIC_URL. Pure: the API's routes, the web fallback and the
 * key service share them.
 *
 *   origin name  host[:port] of PUBLIC_URL                   unlinked.example
 *   issuer name  <company-slug>.<kind>.issuer.<origin name>  acme.post.issuer.unlinked.example
 *   ARC issuer   <company-slug>.arc.issuer.<origin name>     acme.arc.issuer.unlinked.example (libs/arc unlinked.ts)
 *
 * RFC 9578 §4: an Issuer with several directories MUST use a distinct
 * (sub)domain for each, so each (company, kind) has its own issuer name; its
 * keys of successive epochs (the key series) are published one after another
 * in that name's directory. The company is the leftmost label so that three
 * wildcard certificates (*.post.issuer.…, *.review.issuer.…, *.reaction.issuer.…)
 * cover every company, including companies created later; a TLS wildcard
 * covers one label only. The port is kept, as URL.host writes it, so that
 * development names (acme.post.issuer.localhost:3000) resolve and route.
 */

/** The label between the issuer's (kind, company) labels and the origin name. */
export const ISSUER_LABEL = 'issuer';

/** Company slugs (the companies table's CHECK) are DNS labels. */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The origin's name: host[:port] of the public URL, lower case. */
export function originNameOf(publicUrl: string): string {
  return new URL(publicUrl).host.toLowerCase();
}

/** The issuer name of one company's tokens of one kind. */
export function issuerNameFor(originName: string, companySlug: string, kind: TokenKind): string {
  return `${companySlug}.${kind}.${ISSUER_LABEL}.${originName}`;
}

/** The ARC issuer's label where a token kind would be (its names come from libs/arc arcIssuerName). */
export const ARC_ISSUER_KIND = 'arc';

export interface IssuerHost {
  readonly companySlug: string;
  /** A token kind (VOPRF issuer), or ARC_ISSUER_KIND. */
  readonly kind: TokenKind | typeof ARC_ISSUER_KIND;
}

/**
 * The (company, kind or ARC) whose issuer name is `host` (a Host header), or null when
 * `host` is not an issuer name under `originName`. Host names compare without
 * case and without a final dot.
 */
export function parseIssuerHost(host: string | undefined, originName: string): IssuerHost | null {
  if (!host) return null;
  const name = host.toLowerCase().replace(/\.(?=:|$)/, '');
  const suffix = `.${ISSUER_LABEL}.${originName}`;
  if (!name.endsWith(suffix)) return null;
  const labels = name.slice(0, -suffix.length).split('.');
  if (labels.length !== 2) return null;
  const [companySlug, kind] = labels;
  if (!(isTokenKind(kind) || kind === ARC_ISSUER_KIND) || !SLUG.test(companySlug)) return null;
  return { companySlug, kind };
}
