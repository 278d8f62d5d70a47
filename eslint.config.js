// The floors of ARCHITECTURE.md, enforced on imports by allow-lists: each floor (lint/floors.js)
// names the packages and folders it may import, and anything else fails `npm run lint`
// (lint/allowedImports.js). The README's architecture diagram is drawn from the same list.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { floorsPlugin } from './lint/allowedImports.js';
import { FLOORS } from './lint/floors.js';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'dev-dist/**', 'node_modules/**', '.tmp/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  ...FLOORS.map(({ name, files, ignores, why, packages, folders }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    plugins: { floors: floorsPlugin },
    rules: { 'floors/allowed-imports': ['error', { floor: name, why, packages, folders }] },
  })),
  {
    // Components keep no state of their own in browser storage: preferences go through services.
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['localStorage', 'sessionStorage', 'indexedDB'].map((name) => ({ name, message: 'Components keep no browser storage of their own: go through src/services.' })),
      ],
      'no-restricted-properties': [
        'error',
        ...['localStorage', 'sessionStorage', 'indexedDB'].map((property) => ({ object: 'window', property, message: 'Components keep no browser storage of their own: go through src/services.' })),
      ],
    },
  },
);
