import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { ALL_OPERATIONS } from '../../apps/web/src/core/operations.js';

/** The web app and CLI use a typed lightweight client; this keeps its documents equal to the committed schema. */
describe('web app GraphQL documents', () => {
  const schema = buildSchema(readFileSync(join(import.meta.dirname, '../../apps/api/schema.gql'), 'utf8'));

  it.each(Object.entries(ALL_OPERATIONS))('%s is valid against apps/api/schema.gql', (_name, doc) => {
    const errors = validate(schema, parse(doc));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
