/**
 * Base of every error a client may see: a stable code, a clear message and
 * the HTTP status for REST routes. Features subclass it in <feature>.errors.ts
 * with their own code enum and an exhaustive switch for messages and statuses.
 */
export abstract class AppError extends Error {
  /** Response headers that belong to this refusal, e.g. the challenge of a 401 (RFC 9110 §11.6.1, RFC 9577 §2.1). */
  headers?: Readonly<Record<string, string>>;

  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number,
    /** What a client shows beside the code: the field at fault and its limit (GraphQL `extensions`). */
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * Answers with `WWW-Authenticate: <challenge>`: over REST as a header; over
   * GraphQL as the HTTP status and header of the response, and in the error's
   * `extensions.wwwAuthenticate` (errors.filter.ts).
   */
  withChallenge(wwwAuthenticate: string): this {
    this.headers = { ...this.headers, 'www-authenticate': wwwAuthenticate };
    return this;
  }
}

/**
 * The only details an error carries to clients, so a user sees which field is wrong and why ("Message: at most
 * 10,000 characters"): the input field's name and the limit it broke. Never a value the user sent.
 */
export interface ErrorDetails {
  field?: string;
  min?: number;
  max?: number;
}

export const ERROR_DETAIL_KEYS = ['field', 'min', 'max'] as const satisfies readonly (keyof ErrorDetails)[];

/** A refusal of one input field whose code a feature chose (see createValidationPipe's constraint contexts). */
export class InputError extends AppError {
  constructor(code: string, message: string, details: ErrorDetails) {
    super(code, message, 400, details);
  }
}

export enum CommonErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  NotFound = 'NOT_FOUND',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  RateLimited = 'RATE_LIMITED',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_SERVER_ERROR',
}

export class CommonError extends AppError {
  constructor(code: CommonErrorCode, message?: string) {
    super(code, message ?? CommonError.defaultMessage(code), CommonError.status(code));
  }

  private static defaultMessage(code: CommonErrorCode): string {
    switch (code) {
      case CommonErrorCode.BadUserInput:
        return 'The request is invalid.';
      case CommonErrorCode.PayloadTooLarge:
        return 'The request body is too large.';
      case CommonErrorCode.UnsupportedMediaType:
        return 'The request body is not of a media type this route accepts.';
      case CommonErrorCode.NotFound:
        return 'Not found.';
      case CommonErrorCode.Unauthenticated:
        return 'You need to be signed in.';
      case CommonErrorCode.Forbidden:
        return 'You are not allowed to do this.';
      case CommonErrorCode.RateLimited:
        return 'Too many requests; try again later.';
      case CommonErrorCode.ServiceUnavailable:
        return 'The service is temporarily unavailable; try again shortly.';
      case CommonErrorCode.Internal:
        return 'Internal server error.';
    }
  }

  private static status(code: CommonErrorCode): number {
    switch (code) {
      case CommonErrorCode.BadUserInput:
        return 400;
      case CommonErrorCode.PayloadTooLarge:
        return 413;
      case CommonErrorCode.UnsupportedMediaType:
        return 415;
      case CommonErrorCode.NotFound:
        return 404;
      case CommonErrorCode.Unauthenticated:
        return 401;
      case CommonErrorCode.Forbidden:
        return 403;
      case CommonErrorCode.RateLimited:
        return 429;
      case CommonErrorCode.ServiceUnavailable:
        return 503;
      case CommonErrorCode.Internal:
        return 500;
    }
  }
}
