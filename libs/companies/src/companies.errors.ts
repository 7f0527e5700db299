import { AppError } from '@unlinked/platform';

export enum CompanyErrorCode {
  NotFound = 'COMPANY_NOT_FOUND',
}

export class CompanyError extends AppError {
  constructor(code: CompanyErrorCode) {
    switch (code) {
      case CompanyErrorCode.NotFound:
        super(code, 'No company has this name.', 404);
    }
  }
}
