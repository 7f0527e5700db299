// Lint: typescript-eslint's recommended rules. The architecture and the privacy
// line (privacy.md rule 1) are checked by dependency-cruiser
// (.dependency-cruiser.cjs, `npm run lint:boundaries`).
import tseslint from 'typescript-eslint';

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
);
