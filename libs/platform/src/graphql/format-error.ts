import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ERROR_DETAIL_KEYS } from '../errors/app-error.js';

/**
 * Last line of defence: an error that reaches Apollo without a code of ours
 * or Apollo's own (parse, validation, variable coercion) is masked. Only the
 * message and code leave the server: no stack, no SQL, no locations of
 * internal paths.
 */
const PASS_THROUGH = new Set<string>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
]);

/** Apollo relabels validation-rule errors GRAPHQL_VALIDATION_FAILED; keep the rule's own code (depth, aliases, cost). */
function ruleCode(error: unknown): unknown {
  return (error as { originalError?: { extensions?: { code?: unknown } } })?.originalError?.extensions?.code;
}

/** graphql-js appends "Did you mean …?" to unknown fields, arguments, types and enum values: a map of the schema. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: { hideSuggestions?: boolean } = {},
): GraphQLFormattedError {
  let code = formatted.extensions?.code;
  if (code === ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED) code = ruleCode(error) ?? code;
  const ours = typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code) && code !== 'INTERNAL_SERVER_ERROR';
  if (ours || PASS_THROUGH.has(code as string)) {
    const message = options.hideSuggestions ? formatted.message.replace(SUGGESTION, '') : formatted.message;
    const details = ERROR_DETAIL_KEYS.filter((k) => formatted.extensions?.[k] !== undefined).map((k) => [
      k,
      formatted.extensions![k],
    ]);
    const challenge = formatted.extensions?.wwwAuthenticate;
    return {
      message,
      path: formatted.path,
      locations: formatted.locations,
      // RFC 9577 §2.1: a refusal that names the challenge to pay with keeps it (errors.filter.ts).
      extensions: {
        code,
        ...Object.fromEntries(details),
        ...(typeof challenge === 'string' ? { wwwAuthenticate: challenge } : {}),
      },
    };
  }
  return { message: 'Internal server error.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
