// The floors of ARCHITECTURE.md, enforced on imports: a wrong-way import fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const yjsProviders = ['y-indexeddb', 'y-webrtc', 'y-websocket', 'y-websocket/*', 'y-protocols/*'];

/** Builds a no-restricted-imports rule from package names and folder globs with reasons. */
function forbid(entries) {
  return [
    'error',
    {
      patterns: entries.map(([group, message]) => ({ group, message })),
    },
  ];
}

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
  {
    files: ['src/domain/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid([
        [['solid-js', 'solid-js/*', '@solidjs/*'], 'src/domain is the ground floor: no UI framework.'],
        [['dexie', 'dexie/*'], 'src/domain is the ground floor: no storage (only src/store imports Dexie).'],
        [['yjs', 'lib0', 'lib0/*', ...yjsProviders], 'src/domain is the ground floor: no Yjs (text edits are plain operations).'],
        [['d3', 'd3-*', 'comlink', '@codemirror/*', 'codemirror'], 'src/domain is the ground floor: pure TypeScript only.'],
        [['**/store', '**/store/*', '**/sync', '**/sync/*', '**/services', '**/services/*', '**/ui', '**/ui/*', '**/workers/*'], 'src/domain imports nothing from the floors above it.'],
      ]),
    },
  },
  {
    files: ['src/store/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid([
        [['solid-js', 'solid-js/*', '@solidjs/*', 'd3', 'd3-*'], 'src/store holds data, not UI.'],
        [['yjs', ...yjsProviders], 'Only src/sync touches Yjs.'],
        [['**/services', '**/services/*', '**/ui', '**/ui/*', '**/sync', '**/sync/*'], 'src/store imports only src/domain.'],
      ]),
    },
  },
  {
    files: ['src/sync/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid([
        [['dexie', 'dexie/*'], 'Only src/store imports Dexie.'],
        [['solid-js', 'solid-js/*', '@solidjs/*', 'd3', 'd3-*'], 'src/sync holds documents, not UI.'],
        [['**/services', '**/services/*', '**/ui', '**/ui/*', '**/store', '**/store/*'], 'src/sync imports only src/domain.'],
      ]),
    },
  },
  {
    files: ['src/services/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid([
        [['dexie', 'dexie/*'], 'Services reach IndexedDB through src/store repositories.'],
        [[...yjsProviders], 'Services reach peers and persistence through src/sync.'],
        [['**/ui', '**/ui/*'], 'Services never import UI.'],
      ]),
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid([
        [['dexie', 'dexie/*'], 'Components never open a database: go through src/services.'],
        [['yjs', ...yjsProviders], 'Components never open a Y.Doc or a provider: go through src/services.'],
        [['**/store', '**/store/*', '**/sync', '**/sync/*', '**/learner', '**/learner/*'], 'src/ui reaches data only through src/services.'],
      ]),
    },
  },
  {
    files: ['src/learner/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid([
        [['dexie', 'dexie/*', 'yjs', ...yjsProviders, 'solid-js', 'solid-js/*', 'd3', 'd3-*'], 'The learner client only talks to the worker.'],
        [['**/store', '**/store/*', '**/sync', '**/sync/*', '**/services', '**/services/*', '**/ui', '**/ui/*'], 'The learner client imports only src/domain and the worker type.'],
      ]),
    },
  },
  {
    files: ['workers/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid([
        [['dexie', 'dexie/*', 'yjs', ...yjsProviders, 'solid-js', 'solid-js/*', 'd3', 'd3-*'], 'Workers are entry points over src/domain only.'],
        [['**/store', '**/store/*', '**/sync', '**/sync/*', '**/services', '**/services/*', '**/ui', '**/ui/*'], 'Workers import only src/domain.'],
      ]),
    },
  },
  {
    // The one exception: the import worker also WRITES the runs it parsed, through src/store
    // (never Dexie directly), so a 100k-run import never blocks the page with a bulk write
    // and its objects never cross back to the page; its 'evidence-feed' instance READS runs
    // for the learner (src/learner/feed.ts) for the same reason. It still may not reach sync,
    // services or ui. The ledger worker likewise reads the log and keeps the Merkle tree
    // through src/store (a full check reads 100k entries that never need to reach the page).
    files: ['workers/import.worker.ts', 'workers/ledger.worker.ts'],
    rules: {
      'no-restricted-imports': forbid([
        [['dexie', 'dexie/*', 'yjs', ...yjsProviders, 'solid-js', 'solid-js/*', 'd3', 'd3-*'], 'Workers are entry points; storage goes through src/store.'],
        [['**/sync', '**/sync/*', '**/services', '**/services/*', '**/ui', '**/ui/*'], 'The import and ledger workers import only src/domain and src/store.'],
      ]),
    },
  },
);
