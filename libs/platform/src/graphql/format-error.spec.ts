import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { formatGraphQLError } from './format-error.js';

const enumError = {
  message:
    'Variable "$sort" got invalid value "NEWEST"; Value "NEWEST" does not exist in "ThreadSort" enum. Did you mean the enum value "New"?',
  extensions: { code: 'BAD_USER_INPUT' },
};

describe('formatGraphQLError', () => {
  it('drops "Did you mean" suggestions when asked (production), keeping the rest of the message and the code', () => {
    const out = formatGraphQLError(enumError, new GraphQLError(enumError.message), { hideSuggestions: true });
    expect(out.message).toBe(
      'Variable "$sort" got invalid value "NEWEST"; Value "NEWEST" does not exist in "ThreadSort" enum.',
    );
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('keeps suggestions in development', () => {
    expect(formatGraphQLError(enumError, new GraphQLError(enumError.message)).message).toContain('Did you mean');
  });

  it('masks an error without a code of ours as INTERNAL_SERVER_ERROR, with no detail', () => {
    const out = formatGraphQLError({ message: 'relation "x" does not exist' }, new Error('sql'));
    expect(out).toEqual({
      message: 'Internal server error.',
      path: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps the field and limit an error names, and no other extension', () => {
    const out = formatGraphQLError(
      { message: 'long', extensions: { code: 'TEXT_TOO_LONG', field: 'body', max: 10_000, exception: { stack: 'x' } } },
      new GraphQLError('long'),
    );
    expect(out.extensions).toEqual({ code: 'TEXT_TOO_LONG', field: 'body', max: 10_000 });
  });

  it('keeps the PrivateToken challenge of a refused write (RFC 9577 §2.1) and nothing else', () => {
    const challenge = 'PrivateToken challenge="AAE=", token-key="AAE="';
    const out = formatGraphQLError(
      {
        message: 'This write needs a token.',
        extensions: { code: 'TOKEN_REQUIRED', wwwAuthenticate: challenge, x: 1 },
      },
      new GraphQLError('This write needs a token.'),
    );
    expect(out.extensions).toEqual({ code: 'TOKEN_REQUIRED', wwwAuthenticate: challenge });
  });
});
