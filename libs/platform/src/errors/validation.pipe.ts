import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonError, CommonErrorCode } from './app-error.js';

function messages(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => (prefix ? `${prefix}.${m}` : m)),
    ...messages(e.children ?? [], prefix ? `${prefix}.${e.property}` : e.property),
  ]);
}

/** class-validator on every input; failures become BAD_USER_INPUT naming the fields. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new CommonError(CommonErrorCode.BadUserInput, messages(errors).join('; ')),
  });
}
