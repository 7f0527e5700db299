import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { openCompany, postThread, waitFor } from '../support/forum-client.js';
import { startTestApi, type TestApi } from '../support/test-app.js';

/**
 * Issue 12: malformed values for every argument of every operation in the committed schema, and for the
 * arguments of fields nested one level under a query that resolves (`thread { replies(first: …) }`), must never
 * answer INTERNAL_SERVER_ERROR: each is a coded client error (BAD_USER_INPUT, a not-found, a refusal).
 */
const schema: GraphQLSchema = buildSchema(readFileSync('apps/api/schema.gql', 'utf8'));

const UUID = '00000000-0000-4000-8000-000000000000';
const NUL = 'a\u0000b';
const LONE_SURROGATE = 'x\ud800y';

/** Malformed values of a scalar or enum (what a hostile client sends). */
function badValues(type: GraphQLInputType): unknown[] {
  const named = getNamedType(type);
  if (isEnumType(named)) return ['NOT_A_VALUE', '', 42];
  if (!isScalarType(named)) return [];
  switch (named.name) {
    case 'Int':
      return [2 ** 31, -(2 ** 31) - 1, 1.5, 1e308, -1, 0, 101, 1_000_000, '7'];
    case 'Float':
      return [1e308, -1e308, 'NaN', 'x'];
    case 'Boolean':
      return ['yes', 2];
    case 'DateTime':
      return ['0000-01-01T00:00:00Z', '99999-01-01T00:00:00Z', 'yesterday', NUL, 1e308];
    case 'ID':
      return ['not-a-uuid', NUL, '', 'x'.repeat(10_000), '-1', "1' OR '1'='1", 2 ** 31];
    default:
      return [
        NUL,
        '',
        ' ',
        LONE_SURROGATE,
        '\u202e\u2066',
        'x'.repeat(100_000),
        '%_\\',
        "'; DROP TABLE threads; --",
        // forged cursors: base64 of odd JSON
        Buffer.from('{"s":1.5,"i":"x"}').toString('base64url'),
        Buffer.from('{"t":"0000-01-01T00:00:00Z","i":"' + UUID + '"}').toString('base64url'),
        Buffer.from('[1e308,"' + UUID + '"]').toString('base64url'),
        Buffer.from(String(2 ** 31)).toString('base64url'),
      ];
  }
}

/** A plausible value, so that the malformed argument is what the server has to deal with. */
function goodValue(type: GraphQLInputType, name: string, known: Record<string, unknown>): unknown {
  if (isNonNullType(type)) return goodValue(type.ofType, name, known);
  if (isListType(type)) return [goodValue(type.ofType as GraphQLInputType, name, known)];
  if (name in known) return known[name];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) out[f.name] = goodValue(f.type, f.name, known);
    return out;
  }
  switch (type.name) {
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'ID':
      return UUID;
    case 'DateTime':
      return '2026-01-01T00:00:00Z';
    default:
      return 'baidu';
  }
}

/** Every (path to a leaf argument, malformed value) for an argument, walking into input objects and lists. */
function* malformations(type: GraphQLInputType, path: string[]): Generator<[string[], unknown]> {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    yield [path, 'not-a-list-item'];
    yield* malformations(inner.ofType as GraphQLInputType, [...path, '0']);
    return;
  }
  if (isInputObjectType(inner)) {
    yield [path, 'not-an-object'];
    for (const f of Object.values(inner.getFields())) yield* malformations(f.type, [...path, f.name]);
    return;
  }
  for (const v of badValues(inner)) yield [path, v];
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(target);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

function selection(type: GraphQLObjectType | unknown): string {
  return isObjectType(getNamedType(type as never)) ? '{ __typename }' : '';
}

interface Case {
  label: string;
  query: string;
  variables: Record<string, unknown>;
}

/** One case per malformed leaf of each argument of `field`, under `wrap` (the enclosing selection). */
function casesFor(
  opType: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  known: Record<string, unknown>,
  wrap: (inner: string) => string = (inner) => inner,
): Case[] {
  const args: readonly GraphQLArgument[] = field.args;
  if (args.length === 0) return [];
  const decl = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `${opType} Sweep(${decl}) { ${wrap(`${field.name}(${call}) ${selection(field.type)}`)} }`;
  const base: Record<string, unknown> = {};
  for (const a of args) base[a.name] = goodValue(a.type, a.name, known);
  const cases: Case[] = [];
  for (const a of args) {
    for (const [path, value] of malformations(a.type, [a.name])) {
      cases.push({
        label: `${field.name}.${path.join('.')}=${JSON.stringify(value)?.slice(0, 40)}`,
        query,
        variables: setPath(base, path, value),
      });
    }
  }
  return cases;
}

describe('malformed input never becomes an internal error (generated from the schema)', () => {
  let api: TestApi;
  let known: Record<string, unknown>;

  beforeAll(async () => {
    api = await startTestApi({ RUN_WORKERS: 'true' });
    const company = await openCompany(api, 'baidu');
    const threadId = await postThread(api, company, 'A thread to nest under', 'A body for the sweep to read.');
    const published = async () =>
      !(await api.gql(`query($id: ID!) { thread(id: $id) { id } }`, { id: threadId })).errors;
    await waitFor(published, 60_000, 'the thread to be published');
    known = { slug: 'baidu', companySlug: 'baidu', company: 'baidu', id: threadId, threadId };
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  it('answers every malformed argument of every operation, and of fields one level down, with a coded client error', async () => {
    const cases: Case[] = [];
    const query = schema.getQueryType()!;
    const mutation = schema.getMutationType()!;
    for (const field of Object.values(query.getFields())) cases.push(...casesFor('query', field, known));
    for (const field of Object.values(mutation.getFields())) cases.push(...casesFor('mutation', field, known));
    // Nested: arguments of fields of the object a parameterless-or-satisfiable query returns.
    const parents: [string, string][] = [
      ['company', `company(slug: "baidu")`],
      ['thread', `thread(id: "${known.id as string}")`],
    ];
    for (const [name, call] of parents) {
      const type = getNamedType(query.getFields()[name].type) as GraphQLObjectType;
      for (const field of Object.values(type.getFields())) {
        cases.push(...casesFor('query', field, known, (inner) => `${call} { ${inner} }`));
      }
    }

    const internal: string[] = [];
    const seen = new Set<string>();
    for (const c of cases) {
      seen.add(c.query);
      const res = await api.gql(c.query, c.variables);
      const codes = (res.errors ?? []).map((e) => e.extensions?.code);
      if (res.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR'))
        internal.push(`${c.label} → ${res.status} ${codes.join(',')}`);
    }
    const operations = seen.size;
    // The figures for the issue note: operations × malformed arguments tried, and internal errors (0).
    process.stdout.write(
      `malformed-input sweep: ${operations} operations, ${cases.length} malformed arguments, ${internal.length} internal errors\n`,
    );
    expect(operations).toBeGreaterThan(30);
    expect(cases.length).toBeGreaterThan(500);
    expect(internal).toEqual([]);
  }, 600_000);
});
