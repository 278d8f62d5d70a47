import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { addRuns, allRuns } from '../../../src/store/runsRepo';
import { findFlaky } from '../../../src/domain/evidence/flaky';
import type { Run } from '../../../src/domain/evidence/run';
import { adjustedEstimates, fitAdjusted } from '../../../src/domain/learning/adjusted';
import { encodeRuns, type FlakyHandling } from '../../../src/domain/learning/encode';
import { mulberry32 } from '../../../src/domain/random';
import { inProcessLearner } from '../../../src/learner/inProcess';
import { FlakyTracker } from '../../../src/learner/flakyTracker';
import { setFlakyHandling } from '../../../src/services/priors/settings';
import { PriorsSession } from '../../../src/services/priors/session';
import { settled, until } from './priorsHelpers';
import { freshDatabaseEachTest } from '../../support/freshDatabase';

freshDatabaseEachTest('flaky');
let session: PriorsSession | undefined;
afterEach(async () => {
  session?.stop();
  session = undefined;
});

/** Few specs and nudge sets, so that conditions repeat and some see both outcomes. */
function randomRuns(seed: number, n: number): Run[] {
  const rng = mulberry32(seed);
  const pool = ['a', 'b', 'c'];
  return Array.from({ length: n }, (_, i) => ({
    id: `${seed}-${String(i).padStart(4, '0')}`,
    specHash: `spec ${Math.floor(rng() * 4)}`,
    nudges: pool.filter(() => rng() < 0.4),
    passed: rng() < 0.5 + 0.1 * (i % 3),
    errorMessages: [],
    testFailures: [],
    typeErrors: [],
    source: 'manual' as const,
    at: 1000 + i,
  }));
}

describe('flaky runs', () => {
  it('the tracker, run by run, flags exactly the runs findFlaky flags over all of them', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const runs = randomRuns(seed, 120);
      const tracker = new FlakyTracker();
      const flagged = new Set<number>();
      runs.forEach((run, i) => {
        const r = tracker.add(run, i);
        if (r.flaky) flagged.add(i);
        r.became.forEach((j) => flagged.add(j));
        const expected = findFlaky(runs.slice(0, i + 1));
        expect(tracker.runs, `seed ${seed}, after run ${i}`).toBe(expected.runIds.size);
        expect(tracker.groupCount, `seed ${seed}, after run ${i}`).toBe(expected.groups.length);
      });
      expect([...flagged].map((i) => runs[i]!.id).sort()).toEqual([...findFlaky(runs).runIds].sort());
    }
  });

  it('the Priors numbers count flaky runs, and each setting fits what encodeRuns gives', async () => {
    const runs = randomRuns(7, 160);
    await addRuns(runs.slice(0, 100), [], 1);
    session = new PriorsSession(inProcessLearner()).start();
    let s = await until(session, settled(100), '100 runs');
    expect(s.snapshot!.flakyRuns).toBe(findFlaky(runs.slice(0, 100)).runIds.size);
    // New runs turn older, clean groups flaky: the count follows.
    for (const run of runs.slice(100)) await addRuns([run], [], 2);
    s = await until(session, settled(160), '160 runs');
    const flaky = findFlaky(runs).runIds.size;
    expect(flaky).toBeGreaterThan(0);
    expect(s.snapshot!.flakyRuns).toBe(flaky);
    expect(s.snapshot!.learnedRuns).toBe(160);

    const stored = await allRuns();
    for (const handling of ['exclude', 'downweight', 'include'] as FlakyHandling[]) {
      await setFlakyHandling(handling);
      s = await until(session, (x) => settled(160)(x) && x.snapshot!.handling === handling, `the ${handling} refit`);
      expect(s.snapshot!.flakyRuns).toBe(flaky);
      expect(s.snapshot!.learnedRuns).toBe(handling === 'exclude' ? 160 - flaky : 160);
      const reference = new Map(adjustedEstimates(fitAdjusted(encodeRuns(stored, { flaky: handling }).encoded)).map((e) => [e.nudge, e]));
      for (const e of s.snapshot!.adjusted!) {
        const r = reference.get(e.nudge)!;
        expect(e.nWith, `${handling} ${e.nudge}`).toBe(r.nWith);
        expect(e.logOdds, `${handling} ${e.nudge}`).toBeCloseTo(r.logOdds, 4);
        expect(e.ame, `${handling} ${e.nudge}`).toBeCloseTo(r.ame, 2);
      }
    }
  });
});
