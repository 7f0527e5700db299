import { AppError } from '@unlinked/platform';

export enum IdentityErrorCode {
  InvalidAddress = 'INVALID_EMAIL',
  UseWorkEmail = 'USE_WORK_EMAIL',
  ConfusableDomain = 'CONFUSABLE_DOMAIN',
  InvalidCode = 'INVALID_CODE',
  CodeAttemptsExhausted = 'CODE_ATTEMPTS_EXHAUSTED',
  RateLimited = 'RATE_LIMITED',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  VerificationExpired = 'VERIFICATION_EXPIRED',
  WrongCompany = 'WRONG_COMPANY',
  AccountNotFound = 'ACCOUNT_NOT_FOUND',
  MailUnavailable = 'SERVICE_UNAVAILABLE',
}

export class IdentityError extends AppError {
  constructor(code: IdentityErrorCode) {
    switch (code) {
      case IdentityErrorCode.InvalidAddress:
        super(code, 'This is not a valid email address.', 400);
        break;
      case IdentityErrorCode.UseWorkEmail:
        super(code, 'Use your work email: personal and disposable addresses cannot show where you work.', 400);
        break;
      case IdentityErrorCode.ConfusableDomain:
        super(code, 'This domain imitates another one with look-alike characters; use your work email.', 400);
        break;
      case IdentityErrorCode.InvalidCode:
        super(code, 'The code is wrong or has expired.', 400);
        break;
      case IdentityErrorCode.CodeAttemptsExhausted:
        super(code, 'Too many wrong codes; request a new code.', 400);
        break;
      case IdentityErrorCode.RateLimited:
        super(code, 'Too many requests; try again later.', 429);
        break;
      case IdentityErrorCode.Unauthenticated:
        super(code, 'You need to be signed in.', 401);
        break;
      case IdentityErrorCode.Forbidden:
        super(code, 'You are not allowed to do this.', 403);
        break;
      case IdentityErrorCode.VerificationExpired:
        super(code, 'Your verification has expired; verify your work email again to receive tokens.', 403);
        break;
      case IdentityErrorCode.WrongCompany:
        super(code, 'Tokens are issued only for the company you verified at.', 403);
        break;
      case IdentityErrorCode.AccountNotFound:
        super(code, 'No account has this address.', 404);
        break;
      case IdentityErrorCode.MailUnavailable:
        super(code, 'Mail cannot be sent right now; try again shortly.', 503);
        break;
    }
  }
}
