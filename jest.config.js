// Jest 30 in native ESM mode (see ../shared/docs/toolchain.md): run with
// NODE_OPTIONS=--experimental-vm-modules.
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

export default {
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
    '^@unlinked/(config|db|jobs|privacy-pass|authorship)$': '<rootDir>/libs/$1/src/index.ts',
    '^@unlinked/client$': '<rootDir>/libs/client/src/index.ts',
    // ESM-only dependency of @fastify/static (Bull Board); see the file.
    '^content-disposition$': '<rootDir>/test/support/cjs/content-disposition.cjs',
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,e2e-spec}.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
  testTimeout: 60000,
  maxWorkers: 2,
};
