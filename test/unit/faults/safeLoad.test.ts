import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { freshProfile } from '../backup/profile';
import { acquireSpec, specDocName } from '../../../src/sync/specSession';
import { QUARANTINE_PREFIX, findUnreadable, setQuarantineSink, type QuarantinedUpdate } from '../../../src/sync/safeLoad';
import { quarantined, startQuarantineReporting, type QuarantineView } from '../../../src/services/quarantine';

/** Three edits made on three devices that never saw each other: none depends on another. */
function independentUpdates(): Uint8Array[] {
  return ['alpha ', 'BROKEN ', 'gamma '].map((word) => {
    const d = new Y.Doc();
    d.getText('markdown').insert(0, word);
    return Y.encodeStateAsUpdate(d);
  });
}

/** Writes `updates` into a spec's y-indexeddb database as y-indexeddb would have. */
function store(docName: string, updates: Uint8Array[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(docName);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('updates', { autoIncrement: true });
      open.result.createObjectStore('custom');
    };
    open.onsuccess = () => {
      const tx = open.result.transaction('updates', 'readwrite');
      for (const u of updates) tx.objectStore('updates').add(u);
      tx.oncomplete = () => (open.result.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });
}

function read(docName: string): Promise<{ keys: IDBValidKey[]; custom: IDBValidKey[] }> {
  return new Promise((resolve) => {
    const open = indexedDB.open(docName);
    open.onsuccess = () => {
      const tx = open.result.transaction(['updates', 'custom']);
      const keys = tx.objectStore('updates').getAllKeys();
      const custom = tx.objectStore('custom').getAllKeys();
      tx.oncomplete = () => (open.result.close(), resolve({ keys: keys.result, custom: custom.result }));
    };
  });
}

/** Loads a spec; fails (instead of hanging) when it does not load within the limit. */
async function load(specId: string): Promise<string> {
  const { session, release } = acquireSpec(specId);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the spec never loaded (endless spinner)')), 10_000)));
  try {
    await Promise.race([session.whenLoaded, limit]);
    return session.text.toString();
  } finally {
    clearTimeout(timer);
    release();
  }
}

const GARBAGE = new Uint8Array(24).fill(0xff);
let reported: QuarantinedUpdate[] = [];
beforeEach(() => {
  freshProfile();
  reported = [];
  setQuarantineSink((q) => void reported.push(q));
});
afterEach(() => setQuarantineSink(undefined));

describe('loading a spec whose stored updates include an unreadable one', () => {
  it('opens with every other update, moves the broken one aside with its bytes, and reports it', async () => {
    const [a, , c] = independentUpdates();
    await store(specDocName('s1'), [a!, GARBAGE, c!]);
    const text = await load('s1');
    expect(text).toContain('alpha');
    expect(text).toContain('gamma');
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ docName: specDocName('s1'), key: 2, reason: expect.stringContaining('Integer out of Range') });
    expect([...reported[0]!.bytes]).toEqual([...GARBAGE]);
    const after = await read(specDocName('s1'));
    expect(after.keys).not.toContain(2);
    expect(after.custom).toContain(`${QUARANTINE_PREFIX}2`);
    // Opening again finds nothing left to quarantine, and the same text.
    expect(await load('s1')).toBe(text);
    expect(reported).toHaveLength(1);
  });

  it('quarantines a truncated update too, and later edits still save', async () => {
    const [a, b] = independentUpdates();
    await store(specDocName('s2'), [a!, b!.slice(0, b!.length - 3)]);
    expect(await load('s2')).toBe('alpha ');
    const { session, release } = acquireSpec('s2');
    await session.whenLoaded;
    session.text.insert(session.text.length, 'more');
    await new Promise<void>((r) => (session.unsaved() === 0 ? r() : session.onUnsavedChange((n) => n === 0 && r())));
    release();
    expect(await load('s2')).toBe('alpha more');
  });

  it('records what was quarantined for the Settings page and the notice', async () => {
    startQuarantineReporting();
    const [a] = independentUpdates();
    await store(specDocName('s3'), [GARBAGE, a!]);
    expect(await load('s3')).toBe('alpha ');
    const views = await new Promise<QuarantineView[]>((resolve) => {
      const sub = quarantined().subscribe({ next: (v) => v.length > 0 && (resolve(v), queueMicrotask(() => sub.unsubscribe())) });
    });
    expect(views).toEqual([expect.objectContaining({ specId: 's3', size: GARBAGE.length, acknowledged: false })]);
  });

  it('finds exactly the updates that throw when replayed in order', () => {
    const [a, b, c] = independentUpdates();
    expect(findUnreadable([a!, b!, c!])).toEqual([]);
    expect(findUnreadable([a!, GARBAGE, c!, new Uint8Array(0)]).map((x) => x.index)).toEqual([1, 3]);
  });
});
