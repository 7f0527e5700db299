import { describe, expect, it } from '@jest/globals';
import { ForumErrorCode } from '../forum.errors.js';
import { cleanText, optionalText, requiredText } from './clean-text.js';

describe('cleanText', () => {
  it('keeps newlines and removes every other control character', () => {
    expect(cleanText('a\u0000b\tc\r\nd\re\u001bf\u0085g\u007f\n')).toBe('abc\nd\nefg');
  });

  it('removes bidi overrides, isolates and marks, and zero-width characters', () => {
    expect(cleanText('admin\u202e\u2066txt.exe\u2069\u202c')).toBe('admintxt.exe');
    expect(cleanText('\u200fpay\u200bpal\u2060 \ufeffscam\u00ad\u200e')).toBe('paypal scam');
    expect(cleanText('\u200d\u200cword\u200d')).toBe('word');
    expect(cleanText('a\u200c1')).toBe('a1');
  });

  it('keeps joiners where scripts and emoji need them', () => {
    expect(cleanText('👩\u200d💻 and 👍🏽\u200d')).toBe('👩\u200d💻 and 👍🏽');
    expect(cleanText('می\u200cخواهم')).toBe('می\u200cخواهم');
  });

  it('keeps Chinese and emoji text as it is', () => {
    expect(cleanText('  员工福利很好 👍 ')).toBe('员工福利很好 👍');
  });

  it('refuses empty, too short and too long text with stable codes', () => {
    expect(() => requiredText(' \u0000 ', { field: 'body', max: 10 })).toThrow(
      expect.objectContaining({ code: ForumErrorCode.TextEmpty }),
    );
    expect(() => requiredText('short', { field: 'pros', max: 100, min: 20 })).toThrow(
      expect.objectContaining({ code: ForumErrorCode.TextTooShort }),
    );
    expect(() => requiredText('x'.repeat(201), { field: 'title', max: 200 })).toThrow(
      expect.objectContaining({ code: ForumErrorCode.TextTooLong }),
    );
    expect(requiredText('x'.repeat(200), { field: 'title', max: 200 })).toHaveLength(200);
  });

  it('treats blank optional text as absent', () => {
    expect(optionalText('   ', { field: 'advice', max: 10 })).toBeNull();
    expect(optionalText(undefined, { field: 'advice', max: 10 })).toBeNull();
  });
});
