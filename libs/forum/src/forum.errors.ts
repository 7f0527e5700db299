import { AppError, type ErrorDetails } from '@unlinked/platform';

export enum ForumErrorCode {
  SessionNotAllowed = 'SESSION_NOT_ALLOWED',
  TokenRequired = 'TOKEN_REQUIRED',
  TokenMalformed = 'TOKEN_MALFORMED',
  TokenInvalid = 'TOKEN_INVALID',
  TokenAlreadyUsed = 'TOKEN_ALREADY_USED',
  BoardNotFound = 'BOARD_NOT_FOUND',
  BoardClosed = 'BOARD_CLOSED',
  ThreadNotFound = 'THREAD_NOT_FOUND',
  ReplyNotFound = 'REPLY_NOT_FOUND',
  ReviewNotFound = 'REVIEW_NOT_FOUND',
  ContentNotFound = 'CONTENT_NOT_FOUND',
  QuotedReplyNotFound = 'QUOTED_REPLY_NOT_FOUND',
  AuthorKeyInvalid = 'AUTHOR_KEY_INVALID',
  SignatureInvalid = 'SIGNATURE_INVALID',
  EditWindowClosed = 'EDIT_WINDOW_CLOSED',
  TextEmpty = 'TEXT_EMPTY',
  TextTooShort = 'TEXT_TOO_SHORT',
  TextTooLong = 'TEXT_TOO_LONG',
  RevisionConflict = 'REVISION_CONFLICT',
  VoteNotAllowed = 'VOTE_NOT_ALLOWED',
  AlreadyVoted = 'ALREADY_VOTED',
  AlreadyFlagged = 'ALREADY_FLAGGED',
  AlreadyReviewed = 'ALREADY_REVIEWED',
  ArcWrongPeriod = 'ARC_WRONG_PERIOD',
  ArcPeriodClosed = 'ARC_PERIOD_CLOSED',
  AlreadyReportedSalary = 'ALREADY_REPORTED_SALARY',
  SalaryReportNotFound = 'SALARY_REPORT_NOT_FOUND',
  SalaryAmountInvalid = 'SALARY_AMOUNT_INVALID',
  CurrencyUnknown = 'CURRENCY_UNKNOWN',
  CompareCompaniesInvalid = 'COMPARE_COMPANIES_INVALID',
  InterviewNotFound = 'INTERVIEW_NOT_FOUND',
  AlreadyInterviewReviewed = 'ALREADY_INTERVIEW_REVIEWED',
  InterviewMonthInvalid = 'INTERVIEW_MONTH_INVALID',
  InterviewQuestionsTooMany = 'INTERVIEW_QUESTIONS_TOO_MANY',
}

/** Every refusal of the anonymous side; `detail` names the field where one is at fault. */
export class ForumError extends AppError {
  constructor(code: ForumErrorCode, detail?: string, details?: ErrorDetails) {
    const [message, status] = ForumError.describe(code);
    super(code, detail ? `${message} (${detail})` : message, status, details);
  }

  private static describe(code: ForumErrorCode): [string, number] {
    switch (code) {
      case ForumErrorCode.SessionNotAllowed:
        return [
          'Anonymous writes must not carry a session (Authorization: Bearer or a cookie); send the request without it.',
          400,
        ];
      case ForumErrorCode.TokenRequired:
        return ['This write needs a Privacy Pass token (argument `token` or Authorization: PrivateToken).', 401];
      case ForumErrorCode.TokenMalformed:
        return ['The token is not a well-formed Privacy Pass token.', 400];
      case ForumErrorCode.TokenInvalid:
        return ['The token does not verify for this company and kind of write, or its key has expired.', 401];
      case ForumErrorCode.TokenAlreadyUsed:
        return ['This token has already been used.', 409];
      case ForumErrorCode.BoardNotFound:
        return ['No board has this slug.', 404];
      case ForumErrorCode.BoardClosed:
        return ['This company does not have enough verified members yet to accept anonymous content.', 403];
      case ForumErrorCode.ThreadNotFound:
        return ['No published thread has this id.', 404];
      case ForumErrorCode.ReplyNotFound:
        return ['No reply has this id.', 404];
      case ForumErrorCode.ReviewNotFound:
        return ['No review has this id.', 404];
      case ForumErrorCode.ContentNotFound:
        return ['No content has this id.', 404];
      case ForumErrorCode.QuotedReplyNotFound:
        return ['The quoted reply is not a published reply of this thread.', 400];
      case ForumErrorCode.AuthorKeyInvalid:
        return ['The author key must be a base64url Ed25519 public key (32 bytes).', 400];
      case ForumErrorCode.SignatureInvalid:
        return ['The authorship signature does not verify.', 403];
      case ForumErrorCode.EditWindowClosed:
        return ['The edit window for this content has closed.', 403];
      case ForumErrorCode.TextEmpty:
        return ['A required text field is empty.', 400];
      case ForumErrorCode.TextTooShort:
        return ['A text field is shorter than its minimum length.', 400];
      case ForumErrorCode.TextTooLong:
        return ['A text field is longer than its maximum length.', 400];
      case ForumErrorCode.RevisionConflict:
        return ['The content changed since this edit was signed; sign the current revision.', 409];
      case ForumErrorCode.VoteNotAllowed:
        return ['Reviews take only helpful (UP) votes.', 400];
      case ForumErrorCode.AlreadyVoted:
        return ['You have already voted on this; a vote is final.', 409];
      case ForumErrorCode.AlreadyFlagged:
        return ['You have already reported this.', 409];
      case ForumErrorCode.AlreadyReviewed:
        return ['You have already reviewed this company in this period.', 409];
      case ForumErrorCode.ArcWrongPeriod:
        return [
          "The credential is of another period: votes and flags take the credential of the period the content was published in (its arcPeriod), reviews the current period's.",
          409,
        ];
      case ForumErrorCode.ArcPeriodClosed:
        return ["This content's period has ended; it takes no more votes or reports.", 403];
      case ForumErrorCode.AlreadyReportedSalary:
        return ['You have already reported a salary at this company in this period.', 409];
      case ForumErrorCode.SalaryReportNotFound:
        return ['No salary report has this id.', 404];
      case ForumErrorCode.SalaryAmountInvalid:
        return ['A pay amount must be a whole number per year: base at least 1, the others 0 or more.', 400];
      case ForumErrorCode.CurrencyUnknown:
        return ['The currency must be an ISO 4217 code such as USD or CNY.', 400];
      case ForumErrorCode.CompareCompaniesInvalid:
        return ['Compare one company with one to three other, different companies.', 400];
      case ForumErrorCode.InterviewNotFound:
        return ['No interview review has this id.', 404];
      case ForumErrorCode.AlreadyInterviewReviewed:
        return ['You have already written an interview review of this company in this period.', 409];
      case ForumErrorCode.InterviewMonthInvalid:
        return ['The interview month must be YYYY-MM, not in the future and at most five years ago.', 400];
      case ForumErrorCode.InterviewQuestionsTooMany:
        return ['An interview review lists at most 20 questions.', 400];
    }
  }
}
