/**
 * Unlinked's ARC profile: what the server and every client (browser, CLI)
 * must build byte for byte the same, so it lives here (pure, browser-safe)
 * rather than on either side. No I/O; a client builds a presentation for any
 * item locally, without asking the server for a per-item challenge.
 *
 * Challenge (draft-ietf-privacypass-arc-protocol §6, fields as RFC 9577 §2.1.1), per company:
 *   issuer_name        = "<company-slug>.arc.issuer.<origin name>" (the host of the directory's issuer-request-uri;
 *                        RFC 9578 §4: one issuer name per directory, like the VOPRF issuers' <company>.post.issuer…)
 *   origin_info        = ["<origin name>"] (RFC 9577 §2.1.1: a non-empty origin_info names the origin)
 *   origin name        = host[:port] of the API's public URL
 * Credentials issued before issue 15 were bound (request_context) to the legacy shape, issuer_name = origin name and
 * origin_info = ["arc.<company-slug>.<origin name>"]; arcChallenge gives that shape for such an issuer name, so they
 * keep presenting until their keys retire (the end of the period after their own).
 *   credential_context = empty
 *   redemption_context = SHA-256("unlinked/arc-context/v1" || 0x00 || "<action>:<subject>"), 32 bytes; empty for issuance
 *
 * Contexts, each with presentation limit 1 (libs/arc limit-1 mode: one tag per credential and context):
 *   vote      subject "<targetType>:<id>"   (thread | reply | review, lower case)
 *   flag      subject "<contentType>:<id>"  (thread | reply | review | interview, lower case)
 *   review    subject "<company id>"        (the reviewed company's uuid)
 *   salary    subject "<company id>"        (the company of the salary report; one per person per company per period)
 *   interview subject "<company id>"        (the uuid of the company interviewed at; the credential is of the
 *                                           writer's own company, so one person writes one per target company)
 *
 * Periods: VERIFICATION_MONTHS calendar months (UTC) counted from January
 * 1970; period p covers months [p·M, (p+1)·M). Each (company, period) has its
 * own ARC key, and a key's not-before is the start of its period.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { ArcTokenChallenge } from './protocol.js';

/** Presentation limit of every context of the product: one per credential (libs/arc limit-1 mode). */
export const ARC_PRESENTATION_LIMIT = 1;

export const ARC_CONTEXT_DOMAIN = 'unlinked/arc-context/v1';

/** The rate-limited actions; each subject is one context. */
export type ArcAction = 'vote' | 'flag' | 'review' | 'salary' | 'interview';

/** What a vote or flag is on (the GraphQL enum values, in lower case). */
export type ArcItemType = 'thread' | 'reply' | 'review' | 'interview';

const encoder = new TextEncoder();

/** The 32-byte redemption_context of "<action>:<subject>". */
export function arcRedemptionContext(action: ArcAction, subject: string): Uint8Array {
  return sha256(encoder.encode(`${ARC_CONTEXT_DOMAIN}\u0000${action}:${subject}`));
}

/** Subject of a vote or flag context: "<type>:<id>". */
export function arcItemSubject(type: ArcItemType, id: string): string {
  return `${type}:${id.toLowerCase()}`;
}

/**
 * The company's ARC challenge; `action` null gives the issuance challenge
 * (empty redemption context), whose request context every presentation shares,
 * so one credential serves every context.
 */
export function arcChallenge(p: {
  issuerName: string;
  companySlug: string;
  action: ArcAction | null;
  subject?: string;
}): ArcTokenChallenge {
  const origin = arcOriginOf(p.issuerName, p.companySlug);
  return new ArcTokenChallenge({
    issuerName: p.issuerName,
    originInfo: [origin ?? `arc.${p.companySlug}.${p.issuerName}`],
    redemptionContext: p.action === null ? new Uint8Array(0) : arcRedemptionContext(p.action, p.subject ?? ''),
  });
}

/** The labels between a company's slug and the origin name in its ARC issuer name. */
export const ARC_ISSUER_LABELS = 'arc.issuer';

/** The ARC issuer name of a company: "<company-slug>.arc.issuer.<origin name>". */
export function arcIssuerName(originName: string, companySlug: string): string {
  return `${companySlug}.${ARC_ISSUER_LABELS}.${originName}`;
}

/** The origin name inside a company's ARC issuer name; undefined for a legacy issuer name (the origin's own). */
export function arcOriginOf(issuerName: string, companySlug: string): string | undefined {
  const prefix = `${companySlug}.${ARC_ISSUER_LABELS}.`;
  return issuerName.startsWith(prefix) && issuerName.length > prefix.length
    ? issuerName.slice(prefix.length)
    : undefined;
}

/** Period containing `date` (months per period `months`). */
export function arcPeriodAt(date: Date, months: number): number {
  const elapsed = (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
  return Math.floor(elapsed / months);
}

/** First instant of `period`. */
export function arcPeriodStart(period: number, months: number): Date {
  return new Date(Date.UTC(1970, period * months, 1));
}

/** The period of a directory key from its "not-before" (seconds): the key's period starts then. */
export function arcPeriodOfNotBefore(notBefore: number, months: number): number {
  return arcPeriodAt(new Date(notBefore * 1000), months);
}
