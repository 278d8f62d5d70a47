import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { SAVE_FAILED, trackSaves } from '../../../src/sync/saveTracker';

/** Resolves when `seen` gets a value that satisfies `ok` (the tracker reports asynchronously). */
function waitFor(seen: number[], ok: (v: number) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (seen.some(ok)) resolve();
      else if (Date.now() - started > 5000) reject(new Error(`never saw the value; saw ${JSON.stringify(seen)}`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('save tracker', () => {
  it('reports 0 once an edit is committed, and "failed" once a write to the document is refused', async () => {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(`save-tracker-${Math.random().toString(36).slice(2)}`, doc);
    await persistence.whenSynced;
    const seen: number[] = [];
    const stop = trackSaves(doc, persistence, (n) => seen.push(n));

    doc.getText('markdown').insert(0, 'hello');
    await waitFor(seen, (n) => n === 0);
    expect(seen[0]).toBe(1);

    // A write the browser refuses (quota, I/O) ends as an aborted readwrite transaction.
    const tx = persistence.db!.transaction(['updates'], 'readwrite');
    tx.objectStore('updates').add(new Uint8Array([1]));
    tx.abort();
    doc.getText('markdown').insert(5, ' world');
    await waitFor(seen, (n) => n === SAVE_FAILED);
    // A later edit whose probe completes must not turn a refused write back into "saved".
    const before = seen.length;
    doc.getText('markdown').insert(0, '> ');
    await new Promise<void>((resolve) => {
      const check = () => (seen.length >= before + 2 ? resolve() : setTimeout(check, 10));
      check();
    });
    expect(seen.slice(before)).toEqual([SAVE_FAILED, SAVE_FAILED]);
    stop();
    await persistence.destroy();
  });
});
