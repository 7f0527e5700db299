import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
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

/**
 * The parameters that are client input: HTTP bodies, queries and route params, and GraphQL arguments
 * (@nestjs/graphql's GqlParamtype.ARGS, 3). A field resolver's parent, context and info (ROOT 0, CONTEXT 1, INFO 2) are
 * the server's own objects: validating them would run class-transformer and class-validator on every thread of a page
 * for each resolved field, and check nothing a client sent.
 */
const INPUT_PARAMS: ReadonlySet<unknown> = new Set(['body', 'query', 'param', 3]);

class InputValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return INPUT_PARAMS.has(metadata.type) && super.toValidate(metadata);
  }
}

/** class-validator on every input; failures become BAD_USER_INPUT naming the fields, or the code a constraint names. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) =>
      coded(errors) ?? new CommonError(CommonErrorCode.BadUserInput, messages(errors).join('; ')),
  });
}
