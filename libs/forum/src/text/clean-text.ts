import { ForumError, ForumErrorCode } from '../forum.errors.js';

export const TITLE_MAX = 200;
export const BODY_MAX = 10_000;
export const SHORT_FIELD_MAX = 100;

// C0 and C1 controls except \n, plus DEL; \r\n and lone \r become \n first.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

// Bidirectional embeddings, overrides and isolates, and the directional marks (UAX #9): they reorder what a reader
// sees ("Trojan Source"), so they never survive. Plus invisible characters that hide text or split words for filters:
// zero-width space, word joiner, invisible operators, BOM, soft hyphen, Mongolian vowel separator.
const INVISIBLE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e]/g;
// Joiners have legitimate uses: ZWJ inside emoji sequences (👩‍💻), ZWNJ between letters (Persian, Indic scripts).
// Elsewhere they only hide text, so they go too.
const STRAY_ZWJ =
  /(?<!\p{Extended_Pictographic}\p{Emoji_Modifier}?\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;
const STRAY_ZWNJ = /(?<!\p{L}\p{M}*)\u200c|\u200c(?!\p{L})/gu;

/**
 * Plain text as stored: NFC, newlines normalised, control characters, bidi controls and invisible characters
 * removed (joiners kept only inside emoji sequences and between letters), trimmed.
 */
export function cleanText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '')
    .replace(STRAY_ZWJ, '')
    .replace(STRAY_ZWNJ, '')
    .trim();
}

export interface TextRule {
  field: string;
  max: number;
  min?: number;
}

/** Cleans a required field and checks its length (in characters, after cleaning). */
export function requiredText(raw: string, { field, max, min = 1 }: TextRule): string {
  const text = cleanText(raw);
  if (text.length === 0) throw new ForumError(ForumErrorCode.TextEmpty, field, { field });
  if ([...text].length < min) {
    throw new ForumError(ForumErrorCode.TextTooShort, `${field}: at least ${min} characters`, { field, min });
  }
  if (text.length > max) {
    throw new ForumError(ForumErrorCode.TextTooLong, `${field}: at most ${max} characters`, { field, max });
  }
  return text;
}

/** Cleans an optional field; empty after cleaning means absent. */
export function optionalText(raw: string | null | undefined, rule: TextRule): string | null {
  if (raw === null || raw === undefined) return null;
  const text = cleanText(raw);
  return text.length === 0 ? null : requiredText(text, rule);
}
