import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers and what each may import (docs/architecture.md): core knows no front end
// and no application layer; the front ends (commands, ui) reach model servers only
// through app/, never the provider in core/llm.
const FRONT_END_RULES = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['**/core/llm/**'], message: 'Front ends reach model servers through src/app/ (application.ts, providers.ts), not core/llm.' },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'sessions/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      // The engine must never import a front end: core stays usable by any of them.
      'no-restricted-imports': [
        'error',
        {
          paths: ['ink', 'react', 'ink-testing-library'],
          patterns: [
            { group: ['**/ui/**', '**/commands/**'], message: 'core/ never imports a front end.' },
            { group: ['**/app/**'], message: 'core/ never imports the application layer; app/ builds on core/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['ink', 'react'], patterns: [{ group: ['**/ui/**', '**/commands/**'], message: 'app/ serves the front ends and imports none of them.' }] },
      ],
    },
  },
  { files: ['src/commands/**', 'src/ui/**', 'src/cli.tsx'], rules: FRONT_END_RULES },
  {
    files: ['bin/**', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
