/**
 * Work-address parsing and normalization, on maintained data: the Public
 * Suffix List (tldts), WHATWG/UTS #46 IDN mapping (node:url domainToASCII),
 * free-mail providers (email-providers), disposable providers
 * (disposable-email-domains) and Unicode confusables (confusables).
 */
import { createRequire } from 'node:module';
import { domainToASCII, domainToUnicode } from 'node:url';
import * as confusables from 'confusables';
import { parse as parseDomain } from 'tldts';

const require = createRequire(import.meta.url);
const FREE_MAIL = new Set<string>(require('email-providers/all.json') as string[]);
const DISPOSABLE = new Set<string>(require('disposable-email-domains/index.json') as string[]);
const DISPOSABLE_WILDCARD = new Set<string>(require('disposable-email-domains/wildcard.json') as string[]);
const removeConfusables: (s: string) => string =
  (confusables as unknown as { remove?: (s: string) => string }).remove ??
  (confusables as unknown as { default: { remove: (s: string) => string } }).default.remove;

/** RFC 5321 §4.5.3.1: path 256 octets incl. brackets → address ≤ 254; local part ≤ 64; domain ≤ 253. */
export const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
const MAX_DOMAIN_LENGTH = 253;

export enum AddressProblem {
  Invalid = 'invalid',
  TooLong = 'too_long',
  ControlCharacters = 'control_characters',
  Confusable = 'confusable',
  FreeMail = 'free_mail',
  Disposable = 'disposable',
}

export interface WorkAddress {
  /** Where the code is sent: the local part as given, at the ASCII domain. Never stored. */
  readonly deliverTo: string;
  /** One mailbox, one form: lowercase local part without +tag, at the lowercase ASCII domain. Input of the HMAC. */
  readonly normalized: string;
  /** Lowercase ASCII (punycode) host of the address. */
  readonly domain: string;
  /** Registrable domain from the Public Suffix List: mail.acme.com → acme.com. */
  readonly registrableDomain: string;
  /** Registrable domain without its public suffix: acme.co.uk → acme. */
  readonly domainLabel: string;
}

export type ParsedAddress = { ok: true; address: WorkAddress } | { ok: false; problem: AddressProblem };

// C0, DEL, C1, and Unicode line/paragraph separators: never inside an address (header injection).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// RFC 5322 §3.2.3 dot-atom text (ASCII only; SMTPUTF8 local parts are not accepted).
// RFC 1123 §2.1 host name: dot-separated labels of 1-63 letters, digits and inner hyphens (no empty label, so no
// leading, trailing or doubled dot).
const HOSTNAME = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * UTS #39 confusable detection for domains: a non-ASCII label is refused when
 * mapping its confusable characters to their ASCII prototypes yields pure
 * ASCII (e.g. Cyrillic "аcme"), i.e. it impersonates an ASCII name. Letters
 * that are an ASCII letter plus combining marks (ü, é) are distinct letters,
 * not confusables, so they are kept as they are ("bücher.de" passes).
 */
export function isConfusableWithAscii(unicodeDomain: string): boolean {
  if (/^[\x00-\x7f]*$/.test(unicodeDomain)) return false;
  let mapped = '';
  for (const ch of unicodeDomain) {
    if (ch.charCodeAt(0) < 0x80) {
      mapped += ch;
      continue;
    }
    const base = ch.normalize('NFD');
    mapped += base.length > 1 && base.charCodeAt(0) < 0x80 ? ch : removeConfusables(ch);
  }
  return /^[\x00-\x7f]*$/.test(mapped.normalize('NFKC'));
}

function isDisposable(domain: string, registrable: string): boolean {
  if (DISPOSABLE.has(domain) || DISPOSABLE.has(registrable)) return true;
  // wildcard.json lists domains whose every subdomain is disposable.
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) if (DISPOSABLE_WILDCARD.has(labels.slice(i).join('.'))) return true;
  return false;
}

/** Parses a work address, or says what is wrong with it. Pure: no I/O. */
export function parseWorkAddress(input: unknown): ParsedAddress {
  const fail = (problem: AddressProblem): ParsedAddress => ({
    ok: false,
    problem,
  });
  if (typeof input !== 'string') return fail(AddressProblem.Invalid);
  if (input.length > MAX_ADDRESS_LENGTH + 2) return fail(AddressProblem.TooLong);
  if (CONTROL.test(input)) return fail(AddressProblem.ControlCharacters);
  const trimmed = input.trim();
  if (trimmed.length > MAX_ADDRESS_LENGTH) return fail(AddressProblem.TooLong);
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return fail(AddressProblem.Invalid);
  const local = trimmed.slice(0, at);
  const rawDomain = trimmed
    .slice(at + 1)
    .normalize('NFC')
    .toLowerCase();
  if (local.length > MAX_LOCAL_LENGTH) return fail(AddressProblem.TooLong);
  if (!LOCAL_PART.test(local)) return fail(AddressProblem.Invalid);

  // A single trailing dot is the same host written fully qualified (RFC 1034 §3.1): one mailbox, one account.
  const ascii = domainToASCII(rawDomain.endsWith('.') ? rawDomain.slice(0, -1) : rawDomain);
  if (!ascii || ascii.length > MAX_DOMAIN_LENGTH || !HOSTNAME.test(ascii)) return fail(AddressProblem.Invalid);
  // Check the Unicode form whether it came as Unicode or as punycode (xn--).
  if (isConfusableWithAscii(rawDomain) || isConfusableWithAscii(domainToUnicode(ascii))) {
    return fail(AddressProblem.Confusable);
  }
  const info = parseDomain(ascii, { allowPrivateDomains: false });
  if (info.isIp || !info.domain || !info.isIcann || !info.domainWithoutSuffix) return fail(AddressProblem.Invalid);
  const registrable = info.domain;
  if (isDisposable(ascii, registrable)) return fail(AddressProblem.Disposable);
  if (FREE_MAIL.has(ascii) || FREE_MAIL.has(registrable)) return fail(AddressProblem.FreeMail);

  const plus = local.indexOf('+');
  const mailbox = (plus >= 0 ? local.slice(0, plus) : local).toLowerCase();
  if (!mailbox) return fail(AddressProblem.Invalid);
  return {
    ok: true,
    address: {
      deliverTo: `${local}@${ascii}`,
      normalized: `${mailbox}@${ascii}`,
      domain: ascii,
      registrableDomain: registrable,
      domainLabel: info.domainWithoutSuffix,
    },
  };
}
