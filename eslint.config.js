// Lint: typescript-eslint's recommended rules. The architecture and the privacy
// line (privacy.md rule 1) are checked by dependency-cruiser
// (.dependency-cruiser.cjs, `npm run lint:boundaries`).
import tseslint from 'typescript-eslint';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';

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
  // ---- client side: the browser app, the CLI and the client core they share.
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['apps/web/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
);
