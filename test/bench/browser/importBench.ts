import type { Run } from '../../../src/domain/evidence/run';
import { mulberry32 } from '../../../src/domain/random';
import { SCHEMA_VERSIONS } from '../../../src/store/schema';
import { openImportWorker } from '../../../src/learner/importClient';

/** n runs like a real test suite's: 200 specs, 3 of 30 nudges, an error message on failures. */
export function makeRuns(n: number, seed: number): Run[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const nudges = [...new Set([0, 1, 2].map(() => `nudge ${Math.floor(rng() * 30)}`))];
    const passed = rng() < 0.6;
    return {
      id: `bench-${i}`,
      specHash: `name:spec-${Math.floor(rng() * 200)}`,
      nudges,
      passed,
      errorMessages: passed ? [] : [`AssertionError: expected ${i % 97} to equal ${(i % 97) + 1} in test_case_${i % 400}`],
      testFailures: [],
      typeErrors: [],
      source: 'jsonl',
      at: 1_700_000_000_000 + i * 1000,
    };
  });
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/**
 * The baseline: the same rows put with the bare IndexedDB API in ONE transaction, into a store
 * with the app's own indexes for runs (index upkeep is part of any real write). Returns ms.
 */
export async function rawPuts(runs: Run[]): Promise<number> {
  const name = `bench-raw-${Date.now()}`;
  const spec = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.stores.runs!;
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const store = open.result.createObjectStore('runs', { keyPath: 'id' });
    for (const part of spec.split(',').slice(1).map((p) => p.trim())) {
      const multi = part.startsWith('*');
      const key = part.replace('*', '');
      const path = key.startsWith('[') ? key.slice(1, -1).split('+') : key;
      store.createIndex(key, path, { multiEntry: multi });
    }
  };
  const db = await request(open);
  const started = performance.now();
  const tx = db.transaction('runs', 'readwrite');
  const store = tx.objectStore('runs');
  for (const run of runs) store.put(run);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const ms = performance.now() - started;
  db.close();
  indexedDB.deleteDatabase(name);
  return ms;
}

/** The runs as a JSON Lines file (made before the clock starts: a person's file already exists). */
export function jsonlFile(runs: Run[]): File {
  const text = runs.map((r) => JSON.stringify(r)).join('\n') + '\n';
  return new File([text], 'bench.jsonl', { type: 'application/x-ndjson' });
}

/**
 * The app's import path: the import worker reads, validates and writes the file in one
 * transaction. Returns ms in all, and when the whole file had been parsed and checked (ms
 * after the start; the 'writing' phase is the last batches landing).
 */
export async function importFile(file: File): Promise<{ ms: number; added: number; writingAtMs: number }> {
  const session = openImportWorker();
  try {
    const started = performance.now();
    let writingAtMs = Number.NaN;
    const summary = await session.run([{ file, options: { format: 'jsonl', nudges: [] } }], (p) => {
      if (p.phase === 'writing' && Number.isNaN(writingAtMs)) writingAtMs = performance.now() - started;
    });
    return { ms: performance.now() - started, added: summary.added, writingAtMs };
  } finally {
    session.close();
  }
}
