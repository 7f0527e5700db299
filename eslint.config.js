// Lint: typescript-eslint's recommended rules, plus the privacy line as an
// import rule (privacy.md rule 1): identity-side and anonymous-side code never
// import each other. Moderation is the one documented bridge: moderators act
// under an identity-side session, so moderation may use identity's guard, but
// the forum may not, and identity imports neither.
import tseslint from 'typescript-eslint';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';

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
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'artifacts/**',
      'coverage/**',
      // Written by npm run codegen; its freshness is tested (libs/client/src/operations/operations.spec.ts).
      'libs/client/src/operations/generated.ts',
    ],
  },
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

  // ---- client side: the browser app, the CLI and the client core they share.
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['apps/web/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}', 'apps/cli/src/**/*.ts', 'libs/client/src/**/*.ts'],
    rules: {
      // Clients reach the API only through the client core (libs/client), never another app's files.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/*/**', '../../*/src/**'],
              message: 'No app imports another app: share code through libs/client (@unlinked/client).',
            },
          ],
        },
      ],
    },
  },
);
