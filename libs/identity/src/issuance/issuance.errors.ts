import { AppError } from '@unlinked/platform';

export enum IssuanceErrorCode {
  /** RFC 9578 §5.2, batched draft §5.2: malformed or unacceptable request → 422. */
  MalformedRequest = 'MALFORMED_TOKEN_REQUEST',
  BatchTooLarge = 'BATCH_TOO_LARGE',
  QuotaExceeded = 'TOKEN_QUOTA_EXCEEDED',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  UnknownKind = 'UNKNOWN_TOKEN_KIND',
  /** One ARC credential per account per period key. */
  CredentialAlreadyIssued = 'CREDENTIAL_ALREADY_ISSUED',
  /** Idempotency-Key header: not base64url of 16 to 64 characters → 400. */
  MalformedIdempotencyKey = 'MALFORMED_IDEMPOTENCY_KEY',
  /** The key was first sent with another request → 422 (draft-ietf-httpapi-idempotency-key-header §2.7). */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  /** The first request with this key is still being answered → 409 (same draft): send it again shortly. */
  IssuanceInProgress = 'ISSUANCE_IN_PROGRESS',
}

export class IssuanceError extends AppError {
  constructor(code: IssuanceErrorCode, detail?: string) {
    switch (code) {
      case IssuanceErrorCode.MalformedRequest:
        super(code, `The token request is malformed${detail ? `: ${detail}` : ''}.`, 422);
        break;
      case IssuanceErrorCode.BatchTooLarge:
        super(code, `The batch is larger than allowed${detail ? ` (${detail})` : ''}.`, 422);
        break;
      case IssuanceErrorCode.QuotaExceeded:
        super(code, 'Your token quota for this period is used up.', 429);
        break;
      case IssuanceErrorCode.UnsupportedMediaType:
        super(code, `Send the request as ${detail ?? 'the media type the RFC names'}.`, 415);
        break;
      case IssuanceErrorCode.CredentialAlreadyIssued:
        super(code, 'You already have your credential for this period; the next one comes with the next period.', 429);
        break;
      case IssuanceErrorCode.MalformedIdempotencyKey:
        super(code, 'The Idempotency-Key header must be base64url of 16 to 64 characters (128 random bits).', 400);
        break;
      case IssuanceErrorCode.IdempotencyKeyReused:
        super(code, 'This Idempotency-Key was sent with another request: use a fresh key for a new request.', 422);
        break;
      case IssuanceErrorCode.IssuanceInProgress:
        super(code, 'The first request with this Idempotency-Key is still being answered: send it again shortly.', 409);
        break;
      case IssuanceErrorCode.UnknownKind:
        super(code, 'Unknown token kind; use post (votes, flags and reviews take ARC credentials: /arc/).', 404);
        break;
    }
  }
}
