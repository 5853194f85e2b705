// Type-aware lint. The import boundaries of docs/architecture.md are enforced here, not by hope.
import tseslint from 'typescript-eslint';

const noSodium = {
  paths: [{ name: 'libsodium-wrappers', message: 'Only packages/crypto may import libsodium.' }],
};

export default tseslint.config(
  {
    ignores: [
      '**/*.js',
      '**/*.mjs',
      '**/dist/**',
      '**/node_modules/**',
      'coverage/**',
      'bench/out/**',
      'ui/dist/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.lint.json', './ui/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-restricted-imports': ['error', noSodium],
    },
  },
  {
    files: ['packages/crypto/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['packages/model/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'packages/model does no I/O.',
            },
          ],
          paths: noSodium.paths,
        },
      ],
    },
  },
  {
    files: ['relay/src/**', 'packages/protocol/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: noSodium.paths,
          patterns: [
            {
              group: ['@trail/crypto', '@trail/store', '@trail/sync'],
              message: 'The relay never links crypto keys or the store.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
