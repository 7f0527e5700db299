import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonError, CommonErrorCode, InputError, type ErrorDetails } from './app-error.js';

/**
 * A constraint may name what the client sees when it fails, through class-validator's `context` option:
 * `@MaxLength(RAW, { context: { code: 'TEXT_TOO_LONG', max: 10_000 } })`. The field is the property's name.
 */
export interface ConstraintContext extends Omit<ErrorDetails, 'field'> {
  code: string;
}

function coded(errors: ValidationError[]): InputError | undefined {
  for (const e of errors) {
    for (const [name, context] of Object.entries(e.contexts ?? {}) as [string, Partial<ConstraintContext>][]) {
      if (!e.constraints?.[name] || typeof context.code !== 'string') continue;
      const { code, ...limits } = context;
      return new InputError(code, e.constraints[name], { field: e.property, ...limits });
    }
    const child = coded(e.children ?? []);
    if (child) return child;
  }
  return undefined;
}

function messages(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => (prefix ? `${prefix}.${m}` : m)),
    ...messages(e.children ?? [], prefix ? `${prefix}.${e.property}` : e.property),
  ]);
}

/** class-validator on every input; failures become BAD_USER_INPUT naming the fields, or the code a constraint names. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) =>
      coded(errors) ?? new CommonError(CommonErrorCode.BadUserInput, messages(errors).join('; ')),
  });
}
