import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';

/**
 * Detectors for personal information that doxxes people. Each returns the
 * UTF-16 spans it found, never the text: callers record which rule fired and
 * where, so that nothing matched ends up in a log or a table.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Email addresses. The local part follows RFC 5322 dot-atoms loosely; the
 * domain must have a letter TLD, which keeps "v1.2@3.4" out.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}/gu;

export function findEmails(text: string): Span[] {
  return [...text.matchAll(EMAIL)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** A currency sign before a number, or a unit after it, marks an amount rather than a phone number. */
const CURRENCY_BEFORE = /(?:[$¥￥€£]|rmb|cny|usd|hkd|eur)\s*$/i;
const UNIT_AFTER =
  /^\s*(?:元|块|萬|万|亿|億|美元|美金|刀|k\b|m\b|rmb|cny|usd|dollars?|yuan|per\b|\/(?:month|year|yr|mo)|月薪|年薪)/i;

/**
 * Phone numbers, by Google's libphonenumber (full metadata, "valid" leniency):
 * international numbers with a + prefix anywhere, national formats of the
 * configured regions (e.g. Chinese mobiles 1[3-9]x xxxx xxxx). Amounts of
 * money are not phone numbers even when their digits happen to be valid.
 */
export function findPhones(text: string, regions: readonly string[]): Span[] {
  const spans = new Map<number, Span>();
  for (const region of regions.length ? regions : [undefined]) {
    const found = findPhoneNumbersInText(text, {
      defaultCountry: region as CountryCode | undefined,
    });
    for (const m of found) {
      if (CURRENCY_BEFORE.test(text.slice(Math.max(0, m.startsAt - 8), m.startsAt))) continue;
      if (UNIT_AFTER.test(text.slice(m.endsAt, m.endsAt + 12))) continue;
      spans.set(m.startsAt, { start: m.startsAt, end: m.endsAt });
    }
  }
  return [...spans.values()];
}

/** GB 11643-1999: 17 digits, then a check character (ISO 7064 MOD 11-2). */
const CN_ID = /(?<![0-9A-Za-z])([1-9]\d{5})((?:18|19|20)\d{2})(\d{2})(\d{2})(\d{3})([\dXx])(?![0-9A-Za-z])/gu;
const CN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_ID_CHECK = '10X98765432';

export function isValidChineseId(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * CN_ID_WEIGHTS[i];
  if (CN_ID_CHECK[sum % 11] !== id[17].toUpperCase()) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Chinese resident identity numbers whose birth date and checksum are valid. */
export function findChineseIds(text: string): Span[] {
  return [...text.matchAll(CN_ID)]
    .filter((m) => isValidChineseId(m[0]))
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * US Social Security numbers written AAA-GG-SSSS (or with spaces). The SSA
 * never issues area 000, 666 or 9xx, group 00 or serial 0000, so those are
 * not SSNs (and keep dates and part numbers out).
 */
const SSN = /(?<![\p{N}-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\p{N}-])/gu;

export function findSsns(text: string): Span[] {
  return [...text.matchAll(SSN)]
    .filter(
      ([, area, , group, serial]) =>
        area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000',
    )
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

const US_STREET_SUFFIX =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Ter|Parkway|Pkwy|Circle|Cir|Highway|Hwy';
/**
 * "1234 Elm Street", "55 W 42nd St", "1600 Amphitheatre Pkwy". Street names
 * must be capitalised, so "3 years on the road" is not an address.
 */
const US_ADDRESS = new RegExp(
  String.raw`\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:(?:[A-Z][\w'-]*|\d+(?:st|nd|rd|th))\s+){1,4}(?:${US_STREET_SUFFIX})\b\.?`,
  'gu',
);
/** "朝阳区建国路88号", "xx路123号4栋502室": a road name, a number and 号. */
const CN_ADDRESS =
  /[\p{Script=Han}]{1,12}(?:路|街|大道|道|巷|弄|胡同|里)\s*\d{1,5}\s*(?:号|號)(?:\s*(?:院|楼|樓|栋|棟|幢|单元|室|\d|[A-Za-z-])+)?/gu;

/** Street addresses where a pattern can tell (US-style and Chinese); "where feasible", not a geocoder. */
export function findAddresses(text: string): Span[] {
  const spans: Span[] = [];
  for (const re of [US_ADDRESS, CN_ADDRESS]) {
    for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
