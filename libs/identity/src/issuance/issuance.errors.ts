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
      case IssuanceErrorCode.UnknownKind:
        super(code, 'Unknown token kind; use post (votes, flags and reviews take ARC credentials: /arc/).', 404);
        break;
    }
  }
}
