import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import * as generated from './generated.js';

const ROOT = join(import.meta.dirname, '../../../..');

/** Every generated document: the `<Name>Document` exports of generated.ts. */
const DOCUMENTS = Object.entries(generated).filter(([name]) => name.endsWith('Document'));

/**
 * The typed operations the web app and the CLI send are generated from the
 * committed schema and the .graphql files here (libs/client/codegen.ts). These
 * keep the committed output equal to what codegen would write now, and every
 * document valid against apps/api/schema.gql, so a schema change that breaks a
 * client fails the build instead of a user.
 */
describe('client GraphQL operations', () => {
  const schema = buildSchema(readFileSync(join(ROOT, 'apps/api/schema.gql'), 'utf8'));

  it('covers the operations the clients send', () => {
    expect(DOCUMENTS.length).toBeGreaterThanOrEqual(28);
  });

  it.each(DOCUMENTS)('%s is valid against apps/api/schema.gql', (_name, doc) => {
    const errors = validate(schema, parse(String(doc)));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('generated.ts is up to date with the schema and the documents (else run npm run codegen)', () => {
    const bin = join(ROOT, 'node_modules/.bin/graphql-codegen');
    let output = '';
    let stale = false;
    try {
      // --check writes nothing and exits non-zero when a generated file would change.
      execFileSync(process.execPath, [bin, '--config', 'libs/client/codegen.ts', '--check'], {
        cwd: ROOT,
        stdio: 'pipe',
        timeout: 60_000,
      });
    } catch (e) {
      stale = true;
      const err = e as { stdout?: Buffer; stderr?: Buffer };
      output = `${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`;
    }
    expect({ stale, output }).toEqual({ stale: false, output: '' });
  }, 90_000);
});
