// ESLint flat config: typescript-eslint's type-aware recommended rules; formatting is Prettier's (eslint-config-prettier).
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** The `any`-flow family: warnings in src/ until the remaining sites are typed (see the README), off in tests, which read JSON answers. */
const unsafeAny = [
  '@typescript-eslint/no-unsafe-member-access',
  '@typescript-eslint/no-unsafe-assignment',
  '@typescript-eslint/no-unsafe-argument',
  '@typescript-eslint/no-unsafe-return',
  '@typescript-eslint/no-unsafe-call',
  '@typescript-eslint/no-explicit-any',
];
const level = (rules, value) => Object.fromEntries(rules.map((r) => [r, value]));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-artifacts/', 'bench/', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...level(unsafeAny, 'warn'),
      // Findings still to be worked through in src/ (listed in the session note): warnings, so they stay visible.
      ...level(
        [
          '@typescript-eslint/no-redundant-type-constituents',
          '@typescript-eslint/no-base-to-string',
          '@typescript-eslint/no-unsafe-function-type',
          '@typescript-eslint/no-unnecessary-type-assertion',
          '@typescript-eslint/await-thenable',
          '@typescript-eslint/unbound-method',
          '@typescript-eslint/prefer-promise-reject-errors',
          '@typescript-eslint/only-throw-error',
          '@typescript-eslint/no-require-imports',
          'require-yield',
        ],
        'warn',
      ),
      // Interface methods are async by contract; an implementation that needs no await still returns a promise.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', 'src/**/testing/**/*.ts'],
    rules: { ...level(unsafeAny, 'off'), '@typescript-eslint/unbound-method': 'off' },
  },
  prettier,
);
