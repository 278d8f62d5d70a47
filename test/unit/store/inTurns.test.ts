import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db } from '../../../src/store/db';
import { TURN_CHUNK, foreground, readAllInTurns } from '../../../src/store/inTurns';
import { observeScars, readScars, type ScarRow } from '../../../src/store/scarsRepo';
import { observeRecord, readRecord, type BetRow } from '../../../src/store/betsRepo';
import { freshDatabaseEachTest } from '../../support/freshDatabase';

/*
 * Background reads: whole tables read in chunks that wait for foreground work (a proof), with
 * the same rows in the same order as one read through the index.
 */

freshDatabaseEachTest('turns');

const first = <T>(live: { subscribe(o: { next?: (v: T) => void; error?: (e: unknown) => void }): { unsubscribe(): void } }): Promise<T> =>
  new Promise((resolve, reject) => {
    const sub = live.subscribe({ next: (v) => (sub.unsubscribe(), resolve(v)), error: reject });
  });

/** Scar rows with many ties on createdAt (the index orders those by id). */
function scarRows(n: number): ScarRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `scar-${(i * 7919) % n}`,
    locus: { kind: 'area', ref: `a${i % 5}` },
    locusKey: `area:a${i % 5}`,
    trigger: 'manual_incident',
    severity: 0.3,
    description: 'd',
    createdAt: 1000 + (i % 13),
  })) as ScarRow[];
}

describe('reads in turns', () => {
  it('waits for foreground work before each chunk, then reads every row', async () => {
    const rows = scarRows(TURN_CHUNK * 2 + 7);
    await db().table('scars').bulkAdd(rows);
    let release!: () => void;
    const proof = foreground(() => new Promise<void>((r) => (release = r)));
    let done = false;
    const read = readAllInTurns(db().table<ScarRow, string>('scars'), (r) => r.id).then((xs) => ((done = true), xs));
    // Other reads go through meanwhile; the background one does not start.
    for (let i = 0; i < 5; i++) await db().table('scars').count();
    expect(done).toBe(false);
    release();
    await proof;
    expect((await read).map((r) => r.id)).toEqual((await db().table<ScarRow, string>('scars').toCollection().primaryKeys()));
  });

  it('gives the live scars and bets in the order of one indexed read', async () => {
    await db().table('scars').bulkAdd(scarRows(TURN_CHUNK + 31));
    await db().table('restorations').bulkAdd([
      { id: 'r2', scarId: 'scar-3', at: 2000, note: 'b' },
      { id: 'r1', scarId: 'scar-3', at: 2000, note: 'a' },
      { id: 'r0', scarId: 'scar-9', at: 1500, note: 'c' },
    ]);
    expect(await first(observeScars())).toEqual(await readScars());
    const bets = Array.from({ length: TURN_CHUNK + 3 }, (_, i) => ({
      id: `bet-${(i * 31) % (TURN_CHUNK + 3)}`, task: 't', estimatedHours: 1, confidence: 0.6, stake: 1, principles: [], placedAt: 5000 + (i % 4), state: 'open',
    })) as unknown as BetRow[];
    await db().table('bets').bulkAdd(bets);
    expect(await first(observeRecord())).toEqual(await readRecord());
  });
});
