import { describe, expect, it } from '@jest/globals';
import { assertNoSession, type RequestHeaders } from './anonymous-request.js';

/** A request as Fastify hands it over: `headers` as Node folds them, `raw.rawHeaders` as they came on the wire. */
function request(rawHeaders: string[]): RequestHeaders {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    // Node keeps the first Authorization and joins cookies with '; ' (enough for this test).
    if (name === 'authorization' && headers[name] !== undefined) continue;
    headers[name] = headers[name] === undefined ? rawHeaders[i + 1] : `${headers[name]}; ${rawHeaders[i + 1]}`;
  }
  return { headers, raw: { rawHeaders } };
}

const code = (fn: () => void) => {
  try {
    fn();
    return 'accepted';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('assertNoSession (privacy rule 4)', () => {
  it('accepts no credential, or one PrivateToken', () => {
    expect(code(() => assertNoSession(request([])))).toBe('accepted');
    expect(code(() => assertNoSession(request(['Authorization', 'PrivateToken token=abc'])))).toBe('accepted');
  });

  it.each([
    [['Authorization', 'Bearer s3ss10n']],
    [['Cookie', 'session=xyz']],
    [['Authorization', 'PrivateToken token=abc', 'Authorization', 'Bearer s3ss10n']],
    [['authorization', 'PrivateToken token=abc', 'AUTHORIZATION', 'PrivateToken token=def']],
    [['Authorization', 'PrivateToken token=abc', 'Cookie', '', 'Cookie', 'session=xyz']],
  ])('refuses %j, reading every header instance', (raw) => {
    expect(code(() => assertNoSession(request(raw)))).toBe('SESSION_NOT_ALLOWED');
  });
});
