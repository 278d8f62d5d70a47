import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../../src/store/db';
import { eventsOf, getBet, importBetRows, insertBet, readRecord, resolveStoredBet } from '../../../src/store/betsRepo';
import { changeTimer, getTimer } from '../../../src/store/timersRepo';
import { BetAlreadyResolvedError, resolveBet } from '../../../src/domain/betting/settle';
import type { Bet } from '../../../src/domain/betting/bet';
import { freshDatabaseEachTest } from '../../support/freshDatabase';

const dbName = freshDatabaseEachTest('bets');
const bet = (id: string, over: Partial<Bet> = {}): Bet => ({
  id,
  task: `task ${id}`,
  estimatedHours: 4,
  confidence: 0.75,
  stake: 10,
  principles: ['depth over breadth'],
  context: [],
  placedAt: 1000,
  ...over,
});
const settle = (actualHours: number, at: number) => (b: Bet) => ({
  bet: resolveBet(b, { actualHours, completed: true, at }, { credibility: 1 }).bet,
  scars: [],
  logPayload: { betId: b.id, actualHours },
});

describe('bets repository', () => {
  it('stores a bet with its state for the index and a "placed" event', async () => {
    await insertBet(bet('a'), () => undefined);
    const db = useDatabase(dbName());
    expect((await db.bets.get('a'))?.state).toBe('open');
    expect(await db.bets.where('state').equals('open').count()).toBe(1);
    expect((await eventsOf('a')).map((e) => e.kind)).toEqual(['placed']);
    expect(await getBet('a')).toEqual(bet('a'));
  });

  it('writes neither the bet nor its event when the guard refuses', async () => {
    await expect(insertBet(bet('a'), () => {
      throw new Error('no tokens');
    })).rejects.toThrow('no tokens');
    const db = useDatabase(dbName());
    expect(await db.bets.count()).toBe(0);
    expect(await db.betEvents.count()).toBe(0);
  });

  it('resolves once: row, event and timer change together; a second resolution writes nothing', async () => {
    await insertBet(bet('a'), () => undefined);
    await changeTimer('a', () => ({ betId: 'a', running: false, bankedMs: 60_000, updatedAt: 1 }));
    const record = await resolveStoredBet('a', settle(5, 2000));
    expect(record.bets[0]).toMatchObject({ actualHours: 5, completed: true, resolvedAt: 2000 });
    const db = useDatabase(dbName());
    expect((await db.bets.get('a'))?.state).toBe('miss');
    expect(await getTimer('a')).toBeUndefined();

    await expect(resolveStoredBet('a', settle(3, 3000))).rejects.toBeInstanceOf(BetAlreadyResolvedError);
    expect((await eventsOf('a')).map((e) => e.kind)).toEqual(['placed', 'resolved']);
    expect((await getBet('a'))?.actualHours).toBe(5);
    // The governed log holds one entry per change, and none for the refused second resolution.
    expect((await db.log.orderBy('seq').toArray()).map((e) => e.kind)).toEqual(['bet_placed', 'bet_resolved']);
  });

  it('refuses an unknown id and a timer on a resolved bet', async () => {
    await expect(resolveStoredBet('nope', settle(1, 1))).rejects.toMatchObject({ field: 'id' });
    await insertBet(bet('a'), () => undefined);
    await resolveStoredBet('a', settle(5, 2000));
    await expect(changeTimer('a', () => ({ betId: 'a', running: true, runningSince: 1, bankedMs: 0, updatedAt: 1 }))).rejects.toThrow(/already resolved/);
  });

  it('imports new bets, skips and counts known ids, and writes nothing if any row fails', async () => {
    await insertBet(bet('a'), () => undefined);
    expect(await importBetRows([bet('a', { task: 'changed' }), bet('b')], 5)).toEqual({ added: 1, duplicates: 1 });
    expect((await getBet('a'))?.task).toBe('task a');
    const broken = { ...bet('d'), id: undefined as unknown as string };
    await expect(importBetRows([bet('c'), broken], 6)).rejects.toThrow();
    expect((await readRecord()).bets.map((b) => b.id)).toEqual(['a', 'b']);
  });
});
