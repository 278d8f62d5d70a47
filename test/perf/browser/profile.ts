import type { Bet } from '../../../src/domain/betting/bet';
import { normaliseNudge } from '../../../src/domain/evidence/run';
import { mulberry32 } from '../../../src/domain/random';
import { db } from '../../../src/store/db';
import { toRow } from '../../../src/store/betsRepo';
import { addRuns } from '../../../src/store/runsRepo';
import { makeRuns } from '../../bench/browser/importBench';

/**
 * The rest of a long-used profile for the start-up benchmark (`npm run bench`): `count` runs
 * of evidence (the benchmark page's own generator: 200 specs, 3 of 30 nudges) and `count`
 * bets, most of them resolved, written through the store in batches.
 */
const BATCH = 20_000;

export async function fillRuns(count: number, log: (s: string) => void): Promise<void> {
  const nudges = Array.from({ length: 30 }, (_, k) => ({ key: normaliseNudge(`nudge ${k}`), label: `nudge ${k}` }));
  for (let from = 0; from < count; from += BATCH) {
    const runs = makeRuns(Math.min(BATCH, count - from), 11 + from).map((r, i) => ({ ...r, id: `profile-${from + i}`, at: Date.now() - (count - from - i) * 60_000 }));
    await addRuns(runs, nudges, Date.now());
    if ((from / BATCH) % 10 === 0) log(`runs ${from + runs.length}`);
  }
}

export async function fillBets(count: number): Promise<void> {
  const rng = mulberry32(29);
  const start = Date.now() - count * 3_600_000;
  const bets: Bet[] = Array.from({ length: count }, (_, i) => {
    const estimatedHours = 1 + Math.floor(rng() * 8);
    const placedAt = start + i * 3_600_000;
    const open = i >= count - 12;
    return {
      id: `profile-bet-${i}`,
      task: `task ${i}: wire the thing`,
      estimatedHours,
      confidence: 0.5 + rng() * 0.4,
      stake: 5,
      principles: [`principle ${i % 25}`],
      context: [],
      placedAt,
      ...(open ? {} : { actualHours: estimatedHours * (0.5 + rng()), completed: rng() < 0.95, resolvedAt: placedAt + 1_800_000 }),
    };
  });
  await db().table('bets').bulkPut(bets.map(toRow));
}
