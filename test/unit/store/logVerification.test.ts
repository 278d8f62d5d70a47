import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { toHex } from '../../../src/domain/ledger/bytes';
import { entryLeafHash, type GovernedEvent } from '../../../src/domain/ledger/logEntry';
import { db, useDatabase } from '../../../src/store/db';
import { deviceKey } from '../../../src/store/deviceKeyRepo';
import { forgetAccumulator, scheduleHeadRefresh } from '../../../src/store/headsRepo';
import { readCheckpoint } from '../../../src/store/keptTreeRepo';
import { appendGoverned } from '../../../src/store/logRepo';
import { dossierOf, forgetProofTree, proveEntry } from '../../../src/store/logProofs';
import { forgetVerifiedTree, fullCheck, keptTreeSaved, startupCheck } from '../../../src/store/logVerification';
import { LOG_EPOCH_KEY } from '../../../src/store/logEpoch';

let name = '';
beforeEach(() => {
  name = `verify-${Math.random().toString(36).slice(2)}`;
  useDatabase(name);
});
afterEach(async () => {
  await Promise.all([Dexie.delete(name), Dexie.delete(`${name}-ledger-tree`)]);
});

const ev = (i: number): GovernedEvent => ({ kind: 'run_recorded', at: 1000 + i, payload: { runId: `r${i}` } });

/** Appends entries i..j-1 and signs a head over them. */
async function grow(from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) await appendGoverned(ev(i));
  await scheduleHeadRefresh();
}

/** A fresh page and worker: no tree or accumulator in memory, only what IndexedDB holds. */
function restart(): void {
  useDatabase(name);
  forgetAccumulator();
  forgetVerifiedTree();
  forgetProofTree();
}

/** Edits an entry's content in place, as a hand edit in the browser's storage would. */
async function tamper(seq: number): Promise<void> {
  const row = await db().log.get(seq);
  await db().log.put({ ...row!, payload: { runId: 'forged' } });
}

const key = async () => (await deviceKey()).publicKey;

/** Overwrites a block of the kept tree with zeros (a damaged cache, not a changed log). */
async function damageTree(block: string, nodes: number): Promise<void> {
  const tree = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(`${name}-ledger-tree`);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = tree.transaction('blocks', 'readwrite');
    tx.objectStore('blocks').put({ key: block, bytes: new Uint8Array(32 * nodes) });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  tree.close();
}

describe('the full check', () => {
  it('passes a sound log and keeps its tree with a checkpoint at the signed head', async () => {
    await grow(0, 12);
    const r = await fullCheck(await key(), () => 5000);
    expect(r).toMatchObject({ ok: true, scope: 'full', from: 0, size: 12, fullAt: 5000, reason: 'all 12 entries match the signed root' });
    expect(await readCheckpoint()).toMatchObject({ size: 12, root: r.head!.root, fullAt: 5000 });
  });

  it('names an edited entry and drops the checkpoint, so no later start-up skips it', async () => {
    await grow(0, 12);
    await fullCheck(await key());
    await tamper(4);
    const r = await fullCheck(await key());
    expect(r).toMatchObject({ ok: false, firstBadSeq: 4, reason: expect.stringContaining('entry 4 was changed after it was appended') });
    expect(await readCheckpoint()).toBeNull();
    restart();
    expect(await startupCheck(await key())).toMatchObject({ ok: false, scope: 'full', firstBadSeq: 4 });
  });
});

describe('the start-up check', () => {
  it('hashes only what was appended since the verified head and proves the new head extends it', async () => {
    await grow(0, 20);
    await fullCheck(await key(), () => 100);
    restart();
    await grow(20, 27);
    const r = await startupCheck(await key(), () => 200);
    expect(r).toMatchObject({ ok: true, scope: 'incremental', from: 20, size: 27, fullAt: 100 });
    expect(r.reason).toContain('7 entries appended since the head verified at 20');
    await keptTreeSaved(); // the result does not wait for the save
    expect(await readCheckpoint()).toMatchObject({ size: 27, fullAt: 100, at: 200 });
    restart();
    expect(await startupCheck(await key())).toMatchObject({ ok: true, scope: 'incremental', from: 27, size: 27 });
  });

  it('names an entry edited after the verified head', async () => {
    await grow(0, 20);
    await fullCheck(await key());
    await grow(20, 25);
    await tamper(22);
    restart();
    const r = await startupCheck(await key());
    expect(r).toMatchObject({ ok: false, scope: 'incremental', firstBadSeq: 22, reason: expect.stringContaining('entry 22 was changed') });
    expect(await readCheckpoint()).toBeNull();
  });

  it('cannot see an edit to an entry before the verified head: the full check names it', async () => {
    await grow(0, 20);
    await fullCheck(await key());
    await tamper(3);
    restart();
    await grow(20, 22);
    // What the start-up check does not read, it cannot judge: this is why the full check runs on a schedule.
    expect(await startupCheck(await key())).toMatchObject({ ok: true, scope: 'incremental', from: 20 });
    expect(await fullCheck(await key())).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('hands over to the full check when the new head does not extend the verified one (rewritten after signing)', async () => {
    await grow(0, 16);
    await fullCheck(await key());
    await grow(16, 19);
    const forged = { seq: 17, kind: 'run_recorded' as const, at: 1, payload: { runId: 'forged' } };
    await db().log.put({ ...forged, leafHash: toHex(await entryLeafHash(forged)) });
    restart();
    const r = await startupCheck(await key());
    expect(r).toMatchObject({ ok: false, scope: 'full' });
    expect(r.reason).toMatch(/leaf hashes were rewritten along with entries/);
  });

  it('falls back to the full check when a signed entry after the verified head is missing, and says so', async () => {
    await grow(0, 10);
    await fullCheck(await key());
    await grow(10, 14);
    await db().log.delete(13); // the newest: the log now ends before the signed head
    restart();
    expect(await startupCheck(await key())).toMatchObject({ ok: false, scope: 'full', reason: expect.stringContaining('only 13 are in the log: entries were removed') });
  });

  it('cannot see an entry before the verified head deleted (it does not count the log): the full check names it', async () => {
    await grow(0, 10);
    await fullCheck(await key());
    await db().log.delete(6);
    restart();
    expect(await startupCheck(await key())).toMatchObject({ ok: true, scope: 'incremental', from: 10 });
    expect(await fullCheck(await key())).toMatchObject({ ok: false, firstBadSeq: 6 });
  });

  it('rebuilds from a full check when the kept tree is damaged or the log was replaced', async () => {
    await grow(0, 9);
    await fullCheck(await key());
    await damageTree('3:0', 1); // the node over leaves 0-7: the kept root no longer matches
    restart();
    expect(await startupCheck(await key())).toMatchObject({ ok: true, scope: 'full' });
    // Every kept leaf: leaf 8 pairs with the new leaf 9, so the proof from the grown tree fails.
    await damageTree('0:0', 9);
    restart();
    await grow(9, 12);
    expect(await startupCheck(await key())).toMatchObject({ ok: true, scope: 'full', size: 12 });
    await db().settings.put({ key: LOG_EPOCH_KEY, value: 'restored' });
    restart();
    expect(await startupCheck(await key())).toMatchObject({ ok: true, scope: 'full' });
    expect(await readCheckpoint()).toMatchObject({ epoch: 'restored' });
  });
});

describe('proofs from the kept tree', () => {
  it('proves inclusion in a fresh worker from the stored tree, also under a newer head', async () => {
    await grow(0, 33);
    await fullCheck(await key());
    restart();
    await grow(33, 40);
    const head = await scheduleHeadRefresh();
    const proof = await proveEntry(35, head!);
    expect(proof).toMatchObject({ seq: 35, size: 40, verified: true });
    expect((await proveEntry(2, head!)).verified).toBe(true);
    const dossier = await dossierOf(30, 16, head!, (await deviceKey()).publicKeyJwk, 'test');
    expect(dossier.entries.map((e) => e.entry.seq)).toEqual([30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
  });

  it('proves from the stored leaves when the kept tree is damaged', async () => {
    await grow(0, 9);
    await fullCheck(await key());
    await damageTree('0:0', 9);
    restart();
    const head = await scheduleHeadRefresh();
    expect((await proveEntry(1, head!)).verified).toBe(true);
  });

  it('shows an edited entry as a proof that does not verify', async () => {
    await grow(0, 9);
    await fullCheck(await key());
    await tamper(5);
    restart();
    const head = await scheduleHeadRefresh();
    expect((await proveEntry(5, head!)).verified).toBe(false);
    expect((await proveEntry(4, head!)).verified).toBe(true);
  });

  // Past the kept tree's 4096-node blocks: after a start-up check the worker holds only the
  // tree's frontier (level 0 from leaf 4096 on), and a proof of an older entry reads the older
  // nodes it needs from the blocks.
  it('proves old and new entries of a log of two blocks after a start-up check, and in a fresh worker', { timeout: 120_000 }, async () => {
    await appendGoverned(...Array.from({ length: 4_200 }, (_, i) => ev(i)));
    await scheduleHeadRefresh();
    await fullCheck(await key());
    restart();
    await grow(4_200, 4_203);
    expect(await startupCheck(await key())).toMatchObject({ ok: true, scope: 'incremental', from: 4_200 });
    const head = await scheduleHeadRefresh();
    for (const seq of [0, 1, 4_094, 4_095, 4_096, 4_199, 4_202]) {
      expect(await proveEntry(seq, head!), `entry ${seq}`).toMatchObject({ seq, size: 4_203, verified: true });
    }
    await keptTreeSaved();
    restart();
    await grow(4_203, 4_205);
    // Against the latest signed head, read in the worker.
    for (const seq of [3, 4_100, 4_204]) expect(await proveEntry(seq), `entry ${seq}`).toMatchObject({ size: 4_205, verified: true });
    const newer = await scheduleHeadRefresh();
    const dossier = await dossierOf(4_090, 16, newer!, (await deviceKey()).publicKeyJwk, 'test');
    expect(dossier.entries).toHaveLength(16);
    // An old entry edited shows as a proof that does not verify, its neighbours still do.
    await tamper(2_000);
    restart();
    expect((await proveEntry(2_000, newer!)).verified).toBe(false);
    expect((await proveEntry(2_001, newer!)).verified).toBe(true);
  });
});
