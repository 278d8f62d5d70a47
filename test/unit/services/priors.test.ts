import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { db as database } from '../../../src/store/db';
import { addRuns, allRuns } from '../../../src/store/runsRepo';
import { adjustedEstimates, fitAdjusted } from '../../../src/domain/learning/adjusted';
import { encodeRuns } from '../../../src/domain/learning/encode';
import { rawEstimates } from '../../../src/domain/learning/raw';
import { generateEvidence, makeWorld } from '../../../src/domain/learning/simulate';
import { inProcessLearner } from '../../../src/learner/inProcess';
import { CancelledError } from '../../../src/domain/learning/cancel';
import type { LearnerPort } from '../../../src/learner/port';
import { PriorsSession } from '../../../src/services/priors/session';
import { buildPriorsView } from '../../../src/services/priors/view';
import { runsOf, settled, until } from './priorsHelpers';
import { freshDatabaseEachTest } from '../../support/freshDatabase';

freshDatabaseEachTest('priors');
let session: PriorsSession | undefined;
afterEach(async () => {
  session?.stop();
  session = undefined;
});

// Five specs, so that each has over 40 runs by the first fit: each then has an intercept of its
// own, which is what one-step incremental updates work on (within.ts; runs of specs with fewer
// runs wait for a refit, see the last test of this file).
const world = makeWorld({ seed: 15, effects: [0.9, -0.8, 0.4, 0, -0.3, 0.6], specs: 5, hardSpecNudges: [5], companions: [[3, 1]] });
const runs = runsOf(generateEvidence(world, 600, 'confounded', 5), 'r');
const more = runsOf(generateEvidence(world, 1100, 'confounded', 6), 'm');
const nudgeRows = world.nudgeKeys.map((key) => ({ key, label: key.toUpperCase() }));

/** An in-process learner whose refit number `which` (from 0) reports `progress` and then waits to be cancelled. */
function hangingRefit(which: number, progress: number): { port: LearnerPort; started: () => number } {
  const inner = inProcessLearner();
  let started = 0;
  const port: LearnerPort = {
    ...inner,
    refit(onProgress, signal) {
      if (started++ !== which) return inner.refit(onProgress, signal);
      onProgress?.(progress);
      return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new CancelledError())));
    },
  };
  return { port, started: () => started };
}

describe('the priors session (in-process learner, fake IndexedDB)', () => {
  it('updates incrementally as runs are recorded, and agrees with a full fit of all runs', async () => {
    await addRuns(runs.slice(0, 500), nudgeRows, 1);
    session = new PriorsSession(inProcessLearner()).start();
    await until(session, settled(500), 'the first fit of 500 runs');

    // One run at a time, as the record form writes them: each is an incremental update.
    for (const run of runs.slice(500, 600)) await addRuns([run], [], 2);
    const s = await until(session, (x) => x.snapshot?.runs === 600 && !x.refit.running, '600 runs');
    const snap = s.snapshot!;
    expect(snap.fit.status).toBe('current');
    expect(snap.fit.updatesSinceFit).toBe(100);
    expect(s.refit.outcome).toBe('done'); // only the first fit ran: no refit since

    const all = encodeRuns(await allRuns()).encoded;
    const full = new Map(adjustedEstimates(fitAdjusted(all)).map((e) => [e.nudge, e]));
    expect(snap.adjusted).toHaveLength(full.size);
    // 100 one-step updates on 500 runs (a fifth of the evidence): coefficients stay within 0.01 log-odds; the AMEs, carried along
    // their slopes with the spec intercepts and the heterogeneity adjustment held at the last fit's values, within 1.5 pp.
    for (const e of snap.adjusted!) {
      const f = full.get(e.nudge)!;
      expect(e.nWith).toBe(f.nWith);
      expect(e.nWithout).toBe(f.nWithout);
      expect(Math.abs(e.logOdds - f.logOdds)).toBeLessThan(0.01);
      expect(Math.abs(e.ame - f.ame)).toBeLessThan(1.5);
      expect(Math.abs(e.lo - f.lo)).toBeLessThan(1.5);
      expect(Math.abs(e.hi - f.hi)).toBeLessThan(1.5);
      expect(e.classification).toBe(f.classification);
    }
    // Raw estimates are a counting pass: exact.
    const raw = new Map(rawEstimates(all).map((e) => [e.nudge, e]));
    for (const e of snap.raw) {
      expect(e.with.passes).toBe(raw.get(e.nudge)!.with.passes);
      expect(e.effect).toBeCloseTo(raw.get(e.nudge)!.effect, 12);
    }

    // A refit on demand brings the estimates back to the full fit's, to fit precision.
    await session.refit('person');
    const refitted = (await until(session, settled(600), 'the refit')).snapshot!;
    expect(refitted.fit.updatesSinceFit).toBe(0);
    for (const e of refitted.adjusted!) expect(e.logOdds).toBeCloseTo(full.get(e.nudge)!.logOdds, 4);
  });

  it('builds ranked lists and a prompt block from the adjusted estimates, with labels', async () => {
    await addRuns(runs, nudgeRows, 1);
    session = new PriorsSession(inProcessLearner()).start();
    const s = await until(session, settled(600), 'a fit of 600 runs');
    const view = buildPriorsView(s, new Map(nudgeRows.map((n) => [n.key, n.label])));
    expect(view.rows).toHaveLength(6);
    // The world's truth is known: "Do" holds only nudges that really help, "Avoid" only ones that
    // really hurt, and the strongest of each (+0.9 and -0.8 log-odds) are found in 600 runs.
    const truth = new Map(world.nudgeKeys.map((key, k) => [key, world.effects[k]!]));
    const doKeys = view.ranked.beneficial.map((e) => e.key);
    const avoidKeys = view.ranked.harmful.map((e) => e.key);
    for (const key of doKeys) expect(truth.get(key), key).toBeGreaterThan(0);
    for (const key of avoidKeys) expect(truth.get(key), key).toBeLessThan(0);
    expect(doKeys).toContain(world.nudgeKeys[0]);
    expect(avoidKeys).toContain(world.nudgeKeys[1]);
    expect(doKeys).not.toContain(world.nudgeKeys[3]);
    expect(avoidKeys).not.toContain(world.nudgeKeys[3]);
    // "Do" by lower bound, best first; "Avoid" by upper bound, worst first.
    view.ranked.beneficial.slice(1).forEach((e, i) => expect(e.lo).toBeLessThanOrEqual(view.ranked.beneficial[i]!.lo));
    view.ranked.harmful.slice(1).forEach((e, i) => expect(e.hi).toBeGreaterThanOrEqual(view.ranked.harmful[i]!.hi));
    expect(view.promptBlock.split('\n')[0]).toBe('## Learned priors');
    // Only claims that passed every refutation check are written; the others say why not.
    const passed = (list: typeof view.ranked.beneficial) => list.filter((e) => e.checks?.prior);
    expect(view.promptLines).toHaveLength(passed(view.ranked.beneficial).length + passed(view.ranked.harmful).length);
    expect(view.withheld.map((w) => w.key).sort()).toEqual([...view.ranked.beneficial, ...view.ranked.harmful].filter((e) => !e.checks?.prior).map((e) => e.key).sort());
    for (const w of view.withheld) expect(w.reasons.length).toBeGreaterThan(0);
    const best = passed(view.ranked.beneficial)[0]!;
    expect(view.promptLines[0]).toEqual({ key: best.key, text: `Do: ${best.label} [Nudge: "${best.label}" -> +${Math.round(best.ame)}%]` });
  });

  it('finds runs imported with older times, and starts over when runs are deleted', async () => {
    await addRuns(runs.slice(100, 300), nudgeRows, 1);
    session = new PriorsSession(inProcessLearner()).start();
    await until(session, settled(200), '200 runs');
    // Older than everything seen: the "latest time" fast path cannot see these.
    await addRuns(runs.slice(0, 100), [], 2);
    await until(session, settled(300), '300 runs after an import of older runs');
    await database().runs.bulkDelete(runs.slice(0, 50).map((r) => r.id));
    const s = await until(session, settled(250), '250 runs after a deletion');
    expect(s.snapshot!.raw.reduce((m, e) => Math.max(m, e.with.runs + e.without.runs), 0)).toBe(250);
  });

  it('cancels a refit on request, keeps the previous model, and does not restart it by itself', async () => {
    await addRuns(runs.slice(0, 200), nudgeRows, 1);
    // The second refit runs until it is cancelled, as a long one in the refit worker would.
    const { port, started } = hangingRefit(1, 0.3);
    session = new PriorsSession(port).start();
    await until(session, settled(200), 'the first fit');
    const refit = session.refit('person');
    await until(session, (s) => s.refit.running && s.refit.progress === 0.3, 'a refit under way');
    session.cancelRefit();
    await refit;
    const s = await until(session, (x) => !x.refit.running, 'the cancelled refit');
    expect(s.refit).toMatchObject({ outcome: 'cancelled', by: 'person' });
    expect(s.snapshot!.fit.status).toBe('current');
    expect(started()).toBe(2);
    // A large import the model has not absorbed: a refit is due, but not behind the person's back.
    await addRuns(more, [], 2);
    const due = await until(session, (x) => x.snapshot?.runs === 200 + more.length && !x.reading, 'the import read');
    expect(due.snapshot!.needsRefit).toBe(true);
    expect(started()).toBe(2);
    // Pressing the button again refits.
    await session.refit('person');
    await until(session, settled(200 + more.length), 'the refit the person asked for');
    expect(started()).toBe(3);
  });

  it('refits on demand for governance once the read is over, and says when a refit is cancelled', async () => {
    await addRuns(runs.slice(0, 500), nudgeRows, 1);
    session = new PriorsSession(inProcessLearner()).start();
    await until(session, settled(500), 'the first fit');
    for (const run of runs.slice(500, 600)) await addRuns([run], [], 2);
    await until(session, (x) => x.snapshot?.runs === 600 && x.snapshot.fit.updatesSinceFit === 100, '100 incremental updates');

    const s = await session.refitNow('auto');
    expect(s.refit).toMatchObject({ outcome: 'done', by: 'auto' });
    expect(s.snapshot!.runs).toBe(600);
    expect(s.snapshot!.fit.updatesSinceFit).toBe(0);
    const full = new Map(adjustedEstimates(fitAdjusted(encodeRuns(await allRuns()).encoded)).map((e) => [e.nudge, e]));
    for (const e of s.snapshot!.adjusted!) expect(e.ame).toBeCloseTo(full.get(e.nudge)!.ame, 2);

    // Called while an import is being read: it waits for the read, then fits every run.
    await addRuns(more, [], 3);
    await until(session, (x) => x.reading, 'the import being read');
    const after = await session.refitNow('auto');
    expect(after.snapshot!.runs).toBe(600 + more.length);
    expect(after.snapshot!.fit.updatesSinceFit).toBe(0);
  });

  it('stops a governed refit with a named error when a person cancels it', async () => {
    await addRuns(runs.slice(0, 200), nudgeRows, 1);
    const { port } = hangingRefit(1, 0.5);
    session = new PriorsSession(port).start();
    await until(session, settled(200), 'the first fit');
    const governed = session.refitNow('auto');
    await until(session, (s) => s.refit.running && s.refit.progress === 0.5, 'the governed refit under way');
    session.cancelRefit();
    await expect(governed).rejects.toMatchObject({ name: 'RefitStoppedError', message: 'the refit was cancelled' });
  });

  it('refits after a run of a spec with few runs (learned through its conditional likelihood)', async () => {
    await addRuns(runs.slice(0, 500), nudgeRows, 1);
    session = new PriorsSession(inProcessLearner()).start();
    await until(session, settled(500), 'the first fit');
    await addRuns([{ ...runs[500]!, id: 'new-spec-run', specHash: 'a spec with one run' }], [], 2);
    const s = await until(session, (x) => x.snapshot?.runs === 501 && !x.snapshot.needsRefit && !x.refit.running, 'the refit after it');
    expect(s.snapshot!.fit.updatesSinceFit).toBe(0);
    expect(s.snapshot!.fit.runs).toBe(501);
  });

  it('reads up-to-date priors: no refit when the fit is current, one when a cancelled refit left it behind', async () => {
    await addRuns(runs.slice(0, 200), nudgeRows, 1);
    const { port, started } = hangingRefit(1, 0.2);
    session = new PriorsSession(port).start();
    await until(session, settled(200), 'the first fit');
    expect((await session.upToDate('auto')).snapshot!.fit.status).toBe('current');
    expect(started()).toBe(1);
    // A person cancels the next refit; a large import then leaves the estimates behind.
    const cancelled = session.refit('person');
    await until(session, (s) => s.refit.running && s.refit.progress === 0.2, 'a refit under way');
    session.cancelRefit();
    await cancelled;
    await addRuns(more, [], 2);
    await until(session, (x) => x.snapshot?.runs === 200 + more.length && !x.reading, 'the import read');
    expect(session.current.snapshot!.needsRefit).toBe(true);
    const s = await session.upToDate('auto');
    expect(started()).toBe(3);
    expect(s.snapshot!.needsRefit).toBe(false);
    expect(s.snapshot!.fit.runs).toBe(200 + more.length);
  });
});
