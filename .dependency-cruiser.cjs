// The architecture, checked by dependency-cruiser in `npm run lint` (and by test/static/boundaries.spec.ts).
// Privacy rule 1 (../shared/docs/privacy.md): the identity side (attester + issuer) and the anonymous side
// (forum, moderation) never import each other. Apps are entry points: no app imports another app, and no
// library imports an app. Outside a library, only its index (its public surface) may be imported.
const IDENTITY = '^libs/identity/|^libs/db/src/entities/identity/';
const ANONYMOUS = '^libs/(forum|moderation)/|^libs/db/src/entities/(anonymous|moderation)/';
const SIDES = '^libs/(identity|forum|moderation)/|^libs/db/src/entities/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'identity-to-anonymous',
      comment: 'The identity side must not import the anonymous side (privacy rule 1).',
      severity: 'error',
      from: { path: IDENTITY },
      to: { path: ANONYMOUS },
    },
    {
      name: 'anonymous-to-identity',
      comment: 'The anonymous side must not import the identity side (privacy rule 1).',
      severity: 'error',
      from: { path: ANONYMOUS },
      to: { path: IDENTITY },
    },
    {
      name: 'forum-to-moderation',
      comment: 'Moderation builds on the forum, not the other way round (keeps the graph acyclic).',
      severity: 'error',
      from: { path: '^libs/forum/' },
      to: { path: '^libs/moderation/' },
    },
    {
      name: 'shared-to-side',
      comment:
        'Shared libraries (platform, companies, db, jobs, config, protocol code, client) serve both sides and import neither.',
      severity: 'error',
      from: { path: '^libs/', pathNot: SIDES },
      to: { path: SIDES, pathNot: '^libs/db/src/' },
    },
    {
      name: 'client-to-server',
      comment:
        "Clients (libs/client, apps/web, apps/cli) run in browsers and on users' machines: pure protocol code only, no server library.",
      severity: 'error',
      from: { path: '^(libs/client|apps/web|apps/cli)/' },
      to: { path: '^libs/(platform|companies|config|db|jobs|identity|forum|moderation)/' },
    },
    {
      name: 'app-to-app',
      comment: 'Apps are entry points: an app never imports another app; shared code belongs in libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'lib-to-app',
      comment: 'Libraries never import apps.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'lib-internals',
      comment:
        'Outside a library, import only its index (@unlinked/<lib>), never its internals; the client core also has a ' +
        "crypto-free entry for the web app's first load (@unlinked/client/reading).",
      severity: 'error',
      from: { path: '^(apps|libs|bench)/', pathNot: '^libs/([^/]+)/' },
      to: {
        path: '^libs/[^/]+/src/',
        pathNot: [
          '^libs/[^/]+/src/index\\.ts$',
          '^libs/client/src/reading\\.ts$',
          '^libs/db/src/entities/(identity|anonymous|moderation)/index\\.ts$',
        ],
      },
    },
    {
      name: 'cross-lib-internals',
      comment: 'A library imports another library only through its index (@unlinked/<lib>).',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: {
        path: '^libs/',
        pathNot: [
          '^libs/$1/',
          '^libs/[^/]+/src/index\\.ts$',
          '^libs/db/src/entities/(identity|anonymous|moderation)/index\\.ts$',
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|data|artifacts|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
