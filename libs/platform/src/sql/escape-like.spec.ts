import { describe, expect, it } from '@jest/globals';
import { escapeLike } from './escape-like.js';

describe('escapeLike', () => {
  it('escapes the wildcards and the escape character, and nothing else', () => {
    expect(escapeLike('100%_off\\now')).toBe('100\\%\\_off\\\\now');
    expect(escapeLike('tencent.com')).toBe('tencent.com');
  });
});
