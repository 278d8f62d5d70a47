import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { useDatabase } from '../../../src/store/db';
import { readRecord } from '../../../src/store/betsRepo';
import { BetImportError, correctBet, exportBets, importBets, placeBet, resolveBet } from '../../../src/services/bets';
import { forecastInput, forecastView, dashboardOf } from '../../../src/services/bets/views';
import { simulateOpenBets, summarizeSimulation } from '../../../src/domain/betting/forecast';
import type { BetRecord } from '../../../src/store/betsRepo';
import type { Bet } from '../../../src/domain/betting/bet';

const names: string[] = [];
function fresh(): string {
  const n = `bets-io-${Math.random().toString(36).slice(2)}`;
  names.push(n);
  useDatabase(n);
  return n;
}
beforeEach(() => {
  fresh();
});
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

async function someHistory(): Promise<void> {
  const a = await placeBet({ task: 'Parser, with "quotes"', estimatedHours: '4h', confidence: '75%', stake: '10', principles: ['a; b', 'c'] }, 1000);
  await resolveBet(a.bet.id, { actualHours: 5, completed: true }, 2000);
  const b = await placeBet({ task: 'Lexer', estimatedHours: '2h', confidence: '0.9', stake: '5', quantiles: '2h @ 90%, 3h @ 95%' }, 3000);
  await resolveBet(b.bet.id, { actualHours: 1.5, completed: true }, 4000);
  await correctBet(a.bet.id, { actualHours: 3, completed: true }, 5000);
  await placeBet({ task: 'Still open', estimatedHours: 1, confidence: 0.5, stake: 1 }, 6000);
}

describe('export and import', () => {
  for (const format of ['csv', 'json'] as const) {
    it(`round-trips through ${format}: same state in a fresh database, duplicates skipped after`, async () => {
      await someHistory();
      const before = dashboardOf(await readRecord());
      const file = await exportBets(format, Date.UTC(2025, 0, 2));
      expect(file.fileName).toBe(`metacompiler-bets-2025-01-02.${format}`);
      expect(file.count).toBe(3);

      fresh();
      expect(await importBets(file.text, file.fileName)).toEqual({ imported: 3, duplicates: 0 });
      const after = dashboardOf(await readRecord());
      // The correction travels as the bet's corrected outcome, so the replay agrees.
      expect(after.state).toEqual(before.state);
      expect(after.open.map((b) => b.task)).toEqual(['Still open']);
      expect(await importBets(file.text, file.fileName)).toEqual({ imported: 0, duplicates: 3 });
    });
  }

  it('refuses a file with bad rows, naming line and field, and writes nothing', async () => {
    const csv = [
      'id,task,estimatedHours,confidence,stake,placedAt',
      'bet_1,Fine,4,0.75,10,2025-01-01T00:00:00Z',
      'bet_2,Bad hours,-1,0.75,10,2025-01-01T00:00:00Z',
      'bet_3,Bad confidence,4,75,10,2025-01-01T00:00:00Z',
    ].join('\n');
    const err = await importBets(csv, 'mine.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BetImportError);
    const problems = (err as BetImportError).problems.map((p) => [p.line, p.field]);
    expect(problems).toEqual([[3, 'estimatedHours'], [4, 'confidence']]);
    expect((err as Error).message).toMatch(/^mine\.csv, line 3: estimatedHours: /);
    expect((await readRecord()).bets).toHaveLength(0);
  });

  it('refuses open bets that stake more tokens than are free (12 at stake 10 into a fresh profile), writing nothing; 10 fit', async () => {
    const open = (n: number) =>
      Array.from({ length: n }, (_, i): Bet => ({ id: `bet_open_${i}`, task: `Open ${i}`, estimatedHours: 2, confidence: 0.6, stake: 10, principles: [], context: [], placedAt: 1000 + i }));
    const err = await importBets(JSON.stringify(open(12)), 'twelve.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BetImportError);
    expect((err as Error).message).toMatch(/its 12 open bets stake 120 tokens, but 100 would be free here.*Nothing was imported/);
    expect((await readRecord()).bets).toHaveLength(0);
    expect(await importBets(JSON.stringify(open(10)), 'ten.json')).toEqual({ imported: 10, duplicates: 0 });
    expect(dashboardOf(await readRecord()).available).toBe(0);
    // One more open bet no longer fits: the tokens at stake already count.
    const more = { ...open(1)[0]!, id: 'bet_open_more' };
    await expect(importBets(JSON.stringify([more]), 'one.json')).rejects.toThrow(/0 would be free here \(100 tokens after its resolved bets, 100 already at stake\)/);
  });

  it('reads JSON by content when the name does not say', async () => {
    const bet: Bet = { id: 'bet_x', task: 'T', estimatedHours: 1, confidence: 0.5, stake: 1, principles: [], context: [], placedAt: 5 };
    expect(await importBets(JSON.stringify([bet]), 'pasted')).toEqual({ imported: 1, duplicates: 0 });
  });
});

/** What the learner worker does with the forecast input, run here in Node. */
function forecastOf(record: BetRecord) {
  const started = performance.now();
  const sim = simulateOpenBets(forecastInput(record));
  return forecastView(summarizeSimulation(sim), sim.totals, performance.now() - started);
}

describe('forecast', () => {
  it('is seeded by the data: the same bets give the same numbers (and reports its time)', async () => {
    for (let i = 0; i < 50; i++) await placeBet({ task: `t${i}`, estimatedHours: 1 + (i % 7), confidence: 0.7, stake: 1 }, 1000 + i);
    const record = await readRecord();
    const first = forecastOf(record);
    const second = forecastOf(record);
    expect(second.summary.p50).toBe(first.summary.p50);
    expect(first.summary).toMatchObject({ openBets: 50, draws: 10_000, ratioSource: 'prior' });
    // Sum of estimates is 196h; with median-1 ratios the median total sits near it.
    expect(first.summary.p50).toBeGreaterThan(180);
    expect(first.summary.p50).toBeLessThan(230);
    expect(first.chanceWithin(first.summary.p80)).toBeCloseTo(0.8, 2);
    const times = Array.from({ length: 5 }, () => forecastOf(record).ms).sort((a, b) => a - b);
    console.log(`forecast of 50 open bets, 10,000 draws: median ${times[2]?.toFixed(1)} ms (Node)`);
  });
});
