import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { useDatabase } from '../../../src/store/db';
import { applyRecords, readLocalRecords } from '../../../src/store/deviceRecordsRepo';
import { insertBet, readRecord, resolveStoredBet } from '../../../src/store/betsRepo';
import { resolveBet } from '../../../src/domain/betting/settle';
import { resolutionId } from '../../../src/domain/devices/records';
import type { Bet } from '../../../src/domain/betting/bet';

const names: string[] = [];
function fresh(): string {
  const name = `devices-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  useDatabase(name);
  return name;
}
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const bet: Bet = { id: 'bet_a', task: 'task a', estimatedHours: 2, confidence: 0.9, stake: 10, principles: ['p'], context: [], placedAt: 1000 };
const run = { id: 'run_1', specHash: 'h', nudges: ['small steps'], passed: true, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual' as const, at: 5 };

describe('paired devices in the store', () => {
  it('what one device holds, written into another, reads back as the same records (nothing sent twice)', async () => {
    const laptop = fresh();
    await insertBet(bet, () => undefined);
    await resolveStoredBet('bet_a', (b) => ({ bet: resolveBet(b, { actualHours: 6, completed: true, at: 2000 }, { credibility: 1 }).bet, scars: [], logPayload: {} }));
    await useDatabase(laptop).runs.add(run);
    const sent = await readLocalRecords('laptop');
    expect(sent.map((r) => r.kind).sort()).toEqual(['bet', 'betResolution', 'run']);

    fresh();
    const applied = await applyRecords(sent);
    expect(applied).toMatchObject({ added: 2, resolved: 1, waiting: [] });
    const { bets } = await readRecord();
    expect(bets).toEqual([{ ...bet, actualHours: 6, completed: true, resolvedAt: 2000 }]);
    // Read back, the records are the same ones (kind, id, body): the union holds them once.
    const back = await readLocalRecords('phone');
    const key = (r: { kind: string; id: string; body: unknown }) => JSON.stringify([r.kind, r.id, r.body]);
    expect(back.map(key).sort()).toEqual(sent.map(key).sort());
    // Applying them again changes nothing.
    expect(await applyRecords(sent)).toMatchObject({ added: 0, resolved: 0 });
  });

  it('a resolution waits for its bet; of two resolutions made apart, the earlier counts', async () => {
    fresh();
    const late = { betId: 'bet_a', resolvedAt: 3000, actualHours: 1, completed: true };
    const early = { betId: 'bet_a', resolvedAt: 2500, actualHours: 9, completed: true };
    const first = await applyRecords([{ kind: 'betResolution', id: resolutionId(late), origin: 'phone', body: late }]);
    expect(first.waiting).toHaveLength(1);
    await applyRecords([{ kind: 'bet', id: 'bet_a', origin: 'laptop', body: { ...bet } }, ...first.waiting]);
    expect((await readRecord()).bets[0]).toMatchObject({ resolvedAt: 3000, actualHours: 1 });
    await applyRecords([{ kind: 'betResolution', id: resolutionId(early), origin: 'laptop', body: early }]);
    expect((await readRecord()).bets[0]).toMatchObject({ resolvedAt: 2500, actualHours: 9 });
    // The later one arriving again does not undo it.
    await applyRecords([{ kind: 'betResolution', id: resolutionId(late), origin: 'phone', body: late }]);
    expect((await readRecord()).bets[0]).toMatchObject({ resolvedAt: 2500 });
  });
});
