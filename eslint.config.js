// Lint: typescript-eslint's recommended rules, plus the privacy line as an
// import rule (privacy.md rule 1): identity-side and anonymous-side code never
// import each other. Moderation is the one documented bridge: moderators act
// under an identity-side session, so moderation may use identity's guard, but
// the forum may not, and identity imports neither.
import tseslint from 'typescript-eslint';

const IDENTITY = ['**/identity/**', '**/entities/identity/**'];
const ANONYMOUS = ['**/forum/**', '**/moderation/**', '**/entities/anonymous/**', '**/entities/moderation/**'];

const boundary = (forbidden, side) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [{ group: forbidden, message: `The ${side} side must not import the other side (privacy.md rule 1).` }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'artifacts/**', 'coverage/**', 'apps/web/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest injects classes by their runtime value: a type-only import of an injected class breaks boot.
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['apps/api/src/identity/**/*.ts', 'libs/db/src/entities/identity/**/*.ts'],
    rules: boundary(ANONYMOUS, 'identity'),
  },
  {
    files: ['apps/api/src/forum/**/*.ts', 'libs/db/src/entities/anonymous/**/*.ts'],
    rules: boundary(IDENTITY, 'anonymous'),
  },
);
