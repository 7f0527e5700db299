import { describe, expect, it } from '@jest/globals';
import { en } from '../../apps/web/src/i18n/en.js';
import { zh } from '../../apps/web/src/i18n/zh.js';

/** Every UI string (the keys are code, not words people read). */
function strings(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[`${prefix}${k}`, v]] : strings(v as object, `${prefix}${k}.`),
  );
}

/** Words from the protocol, not from the people using the product (issue 13: "Words people use"). */
const JARGON: Record<'en' | 'zh', RegExp> = {
  en: /\b(wallets?|epochs?|key checks?|tokens?|issuers?|redeem\w*|redemption|credentials?|blind(ly)? sign\w*)\b/i,
  zh: /钱包|纪元|令牌|密钥检查|密钥校验|签发|发行方|兑换|凭证|代币|盲签/,
};

describe('web app words', () => {
  it.each([
    ['en', en],
    ['zh', zh],
  ] as const)('the %s interface uses none of the protocol jargon', (lang, table) => {
    // Placeholders ({{tokens}}) are code too.
    const found = strings(table).filter(([, text]) => JARGON[lang].test(text.replace(/\{\{\w+\}\}/g, '')));
    expect(found).toEqual([]);
  });

  it('the check catches the old words (so an empty result above means something)', () => {
    expect(JARGON.en.test('Fill your wallet first.')).toBe(true);
    expect(JARGON.en.test('Key check')).toBe(true);
    expect(JARGON.en.test('Epoch')).toBe(true);
    expect(JARGON.zh.test('令牌钱包')).toBe(true);
    expect(JARGON.en.test('Posting credits')).toBe(false);
  });
});
