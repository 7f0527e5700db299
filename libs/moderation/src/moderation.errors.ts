import { AppError } from '@unlinked/platform';

export enum ModerationErrorCode {
  ItemNotFound = 'MODERATION_ITEM_NOT_FOUND',
  AlreadyDecided = 'MODERATION_ALREADY_DECIDED',
  VersionConflict = 'MODERATION_VERSION_CONFLICT',
  InvalidAction = 'MODERATION_INVALID_ACTION',
  ReasonRequired = 'MODERATION_REASON_REQUIRED',
  SameModerator = 'MODERATION_APPEAL_NEEDS_ANOTHER_MODERATOR',
  NotRemoved = 'MODERATION_NOT_REMOVED',
  AlreadyAppealed = 'MODERATION_ALREADY_APPEALED',
  AuthorSignatureInvalid = 'AUTHOR_SIGNATURE_INVALID',
  SignatureExpired = 'AUTHOR_SIGNATURE_EXPIRED',
  ContentNotFound = 'CONTENT_NOT_FOUND',
}

export class ModerationError extends AppError {
  constructor(code: ModerationErrorCode) {
    switch (code) {
      case ModerationErrorCode.ItemNotFound:
        super(code, 'No moderation item has this id.', 404);
        break;
      case ModerationErrorCode.AlreadyDecided:
        super(code, 'Another moderator has already decided on this item; reload it.', 409);
        break;
      case ModerationErrorCode.VersionConflict:
        super(code, 'The item changed since you loaded it; reload it and decide again.', 409);
        break;
      case ModerationErrorCode.InvalidAction:
        super(code, 'This action does not apply to the item in its current state.', 409);
        break;
      case ModerationErrorCode.ReasonRequired:
        super(code, 'A removal needs a reason code.', 400);
        break;
      case ModerationErrorCode.SameModerator:
        super(code, 'An appeal must be decided by a moderator other than the one who removed the content.', 403);
        break;
      case ModerationErrorCode.NotRemoved:
        super(code, 'Only removed content can be appealed.', 409);
        break;
      case ModerationErrorCode.AlreadyAppealed:
        super(code, 'This removal has already been appealed; an appeal can be made once.', 409);
        break;
      case ModerationErrorCode.AuthorSignatureInvalid:
        super(code, 'The signature does not match the author key of this content.', 403);
        break;
      case ModerationErrorCode.SignatureExpired:
        super(code, 'The signed request is too old or from the future; sign it again.', 400);
        break;
      case ModerationErrorCode.ContentNotFound:
        super(code, 'No content has this id.', 404);
        break;
    }
  }
}
