// Jest 30 in native ESM mode (see ../shared/docs/toolchain.md): run with
// NODE_OPTIONS=--experimental-vm-modules. Four tiers, one run: `npm test` runs
// them all, `npm run test:<tier>` one (jest --selectProjects <tier>).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        useDefineForClassFields: false,
      },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': swc,
    // @fastify/static (CommonJS) require()s content-disposition 3, which is ESM only: Node 20.19
    // loads that natively, Jest's module registry does not, so compile it to CommonJS for tests.
    '/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@unlinked/db/(identity|anonymous|moderation)$': '<rootDir>/libs/db/src/entities/$1/index.ts',
    '^@unlinked/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    // ESM-only dependency of @fastify/static (Bull Board); see the file.
    '^content-disposition$': '<rootDir>/test/support/cjs/content-disposition.cjs',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
};

export default {
  maxWorkers: 2,
  // Global only: Jest ignores testTimeout inside a project.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      // Pure code and static checks: no PostgreSQL, no Redis, no HTTP server.
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{apps,libs}/**/*.spec.ts',
        '<rootDir>/test/static/**/*.spec.ts',
        '<rootDir>/test/web/*.spec.ts',
      ],
    },
    {
      ...common,
      // Services, repositories, queues and workers on real PostgreSQL and Redis, without HTTP.
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
    },
    {
      ...common,
      // The whole API over HTTP (GraphQL and the Privacy Pass endpoints) on real PostgreSQL and Redis.
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
    },
    {
      ...common,
      // The built web app in headless Chromium, and the CLI, against a running API.
      displayName: 'browser',
      testMatch: ['<rootDir>/test/web/**/*.e2e-spec.ts'],
    },
  ],
};
