// The floors of the house and what each may import: the allow-lists that eslint.config.js turns
// into lint rules, and from which the README's architecture diagram is drawn (a test keeps the
// two equal). Floors are listed top to bottom.

// The editor, and the grammars of fenced code it loads when a block in that language shows.
const codemirror = ['@codemirror/commands', '@codemirror/lang-markdown', '@codemirror/language', '@codemirror/state', '@codemirror/view', '@lezer/highlight', '@lezer/markdown', '@codemirror/lang-javascript', '@codemirror/lang-css', '@codemirror/lang-html'];

/**
 * `folders` are repository paths (a folder, or one module). A floor's own folder is on its list
 * like any other, so nothing is allowed that is not written here.
 * @type {import('./floors').Floor[]}
 */
export const FLOORS = [
  {
    name: 'ui',
    files: ['src/ui/**/*.{ts,tsx}'],
    why: 'components read and write through src/services, and use only the pure formatting helpers of src/domain and its error classes.',
    packages: ['solid-js', '@solidjs/router', 'd3', 'mdast', ...codemirror],
    folders: ['src/ui', 'src/services', 'src/domain/spec/format.ts', 'src/domain/errors.ts'],
  },
  {
    name: 'app entry',
    files: ['src/main.tsx'],
    why: 'the entry point mounts the UI and starts the services.',
    packages: ['solid-js'],
    folders: ['src/ui', 'src/services'],
  },
  {
    name: 'service worker',
    files: ['src/sw.ts'],
    why: 'the service worker precaches the app and serves the ethics header through src/services.',
    packages: ['workbox-precaching', 'workbox-routing'],
    folders: ['src/services'],
  },
  {
    name: 'services',
    files: ['src/services/**/*.{ts,tsx}'],
    why: 'services are the one place that combines floors; they never import UI, Dexie or a Yjs provider directly.',
    packages: ['fflate', 'virtual:pwa-register', '@codemirror/state', 'qr'],
    folders: ['src/services', 'src/store', 'src/sync', 'src/learner', 'src/ledgerClient', 'src/devicesClient', 'src/compile', 'src/domain'],
  },
  {
    name: 'store',
    files: ['src/store/**/*.{ts,tsx}'],
    why: 'src/store is the only code that touches IndexedDB (Dexie), over src/domain.',
    packages: ['dexie'],
    folders: ['src/store', 'src/domain'],
  },
  {
    name: 'sync',
    files: ['src/sync/**/*.{ts,tsx}'],
    why: 'src/sync is the only code that touches Yjs and its providers, over src/domain.',
    packages: ['yjs', 'y-indexeddb', 'y-webrtc', 'y-websocket', 'y-protocols', 'lib0', 'y-codemirror.next', '@codemirror/state', '@codemirror/view'],
    folders: ['src/sync', 'src/domain'],
  },
  {
    name: 'worker clients',
    files: ['src/learner/**/*.ts', 'src/ledgerClient/**/*.ts', 'src/devicesClient/**/*.ts', 'src/compile/**/*.ts'],
    why: 'a worker client only talks to its worker (Comlink) about src/domain values.',
    packages: ['comlink'],
    folders: ['src/learner', 'src/ledgerClient', 'src/devicesClient', 'src/compile', 'src/domain', 'workers'],
  },
  {
    name: 'workers',
    files: ['workers/**/*.ts'],
    ignores: ['workers/import.worker.ts', 'workers/ledger.worker.ts', 'workers/devices.worker.ts'],
    why: 'workers are entry points over src/domain.',
    packages: ['comlink', 'typescript'],
    folders: ['workers', 'src/domain'],
  },
  {
    // The one exception: the import worker also WRITES the runs it parsed, through src/store
    // (never Dexie directly), so a 100k-run import never blocks the page with a bulk write
    // and its objects never cross back to the page; its 'evidence-feed' instance READS runs
    // for the learner (src/learner/feed.ts) for the same reason.
    name: 'import worker',
    files: ['workers/import.worker.ts'],
    why: 'the import worker parses over src/domain and writes through src/store, feeding the learner client.',
    packages: ['comlink'],
    folders: ['workers', 'src/domain', 'src/store', 'src/learner/feed.ts'],
  },
  {
    // The ledger worker likewise reads the log and keeps the Merkle tree through src/store: a
    // full check reads 100k entries that never need to reach the page.
    name: 'ledger worker',
    files: ['workers/ledger.worker.ts'],
    why: 'the ledger worker verifies the log and proves entries over src/domain, reading them through src/store.',
    packages: ['comlink'],
    folders: ['workers', 'src/domain', 'src/store'],
  },
  {
    // The devices worker likewise opens, merges, reads and seals a pairing's records through
    // src/store, and over y-websocket also keeps the pairing's document and connection
    // (src/sync) and runs the exchange's loop: 100k runs of a first exchange never reach the
    // page, as objects or as bytes.
    name: 'devices worker',
    files: ['workers/devices.worker.ts'],
    why: 'the devices worker runs the exchange with a paired device over src/domain, src/store and the pairing\'s document in src/sync.',
    packages: ['comlink'],
    folders: ['workers', 'src/domain', 'src/store', 'src/sync/devices', 'src/services/devices/exchangeLoop.ts'],
  },
  {
    name: 'domain',
    files: ['src/domain/**/*.{ts,tsx}'],
    why: 'src/domain is the ground floor: pure TypeScript and pure libraries (diffs, Markdown, XML, hashes, compression), no UI, storage or Yjs.',
    packages: ['@noble/hashes', 'diff', 'fflate', 'mdast', 'mdast-util-from-markdown', 'mdast-util-gfm', 'micromark-extension-gfm', 'saxes'],
    folders: ['src/domain'],
  },
];

