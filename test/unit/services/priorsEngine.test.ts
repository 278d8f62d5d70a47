import { describe, expect, it } from 'vitest';
import { packMessages, unpackMessages } from '../../../src/domain/learning/engine/batch';
import { curveWindow, learningCurve, timeOrder } from '../../../src/domain/learning/engine/curve';
import { LearnerEngine } from '../../../src/domain/learning/engine/engine';
import { runFit } from '../../../src/domain/learning/engine/refit';
import { packRuns } from '../../../src/learner/pack';
import { FlakyTracker } from '../../../src/learner/flakyTracker';
import type { Run } from '../../../src/domain/evidence/run';

const run = (id: string, spec: string, nudges: string[], passed: boolean, at: number, errors: string[] = []): Run => ({
  id,
  specHash: spec,
  nudges,
  passed,
  errorMessages: errors,
  testFailures: [],
  typeErrors: [],
  source: 'manual',
  at,
});

describe('the learner engine (what the worker runs)', () => {
  it('packs failure messages losslessly, empty and non-ASCII ones included', () => {
    const messages = [[], ['a', ''], ['ünïcødé ✓', 'x\ny'], []];
    expect(unpackMessages(packMessages(messages))).toEqual(messages);
  });

  it('draws the learning curve as a rolling pass rate in time order', () => {
    // Five runs, window 10 (the minimum): each point averages every run so far.
    expect(curveWindow(5)).toBe(10);
    const c = learningCurve([1, 2, 3, 4, 5], [1, 0, 1, 1, 0]);
    expect(c.points.map((p) => p.rate)).toEqual([1, 1 / 2, 2 / 3, 3 / 4, 3 / 5]);
    expect(c.points.map((p) => p.runs)).toEqual([1, 2, 3, 4, 5]);
    expect(c.overall).toBe(3 / 5);
    // Out of order: sorted by time first (ties keep arrival order).
    const at = [5, 1, 3, 2, 4];
    const passed = [0, 1, 1, 0, 1];
    expect(learningCurve(at, passed, timeOrder(at)).points.map((p) => p.rate)).toEqual([1, 1 / 2, 2 / 3, 3 / 4, 3 / 5]);
    // 40 runs: window 10, so the last point is the last ten runs only.
    const many = learningCurve(Array.from({ length: 40 }, (_, i) => i), Array.from({ length: 40 }, (_, i) => (i >= 30 ? 1 : 0)));
    expect(many.points[many.points.length - 1]).toMatchObject({ index: 40, rate: 1, runs: 10 });
  });

  it('drops a refit that finished after the evidence was replaced, and replays runs that came during one', () => {
    const tracker = new FlakyTracker();
    const engine = new LearnerEngine();
    engine.reset('include');
    const first = Array.from({ length: 30 }, (_, i) => run(`r${i}`, `s${i % 3}`, i % 2 ? ['a'] : ['b'], i % 3 !== 0, i));
    engine.append(packRuns(first, tracker, 0), false);
    const job = engine.refitJob()!;
    // Two runs arrive while the fit runs elsewhere: they are replayed as updates on adoption.
    engine.append(packRuns([run('x', 's0', ['a'], true, 40), run('y', 's1', ['b'], false, 41)], tracker, 30), true);
    expect(engine.adopt(job, runFit(job.enc, job.warm))).toBe(true);
    const snap = engine.snapshot();
    expect(snap.fit).toMatchObject({ status: 'current', runs: 32, updatesSinceFit: 2 });
    // A job cut before a reset belongs to other evidence: dropped.
    const old = engine.refitJob()!;
    engine.reset('include');
    expect(engine.adopt(old, runFit(old.enc, old.warm))).toBe(false);
    expect(engine.snapshot().fit.status).toBe('none');
  });

  it('groups failure modes over every run and finds the nudge a mode goes with', () => {
    const engine = new LearnerEngine();
    engine.reset('exclude');
    const runs = Array.from({ length: 12 }, (_, i) =>
      run(`r${i}`, 's', i < 4 ? ['global state'] : [], false, i, [i < 4 ? `ReferenceError: state is not defined at line ${i}` : `AssertionError: expected ${i} to equal 0`]),
    );
    engine.append(packRuns(runs, new FlakyTracker(), 0), false);
    const m = engine.failureModes();
    expect(m.runs).toBe(12);
    expect(m.modes.map((x) => [x.signature, x.runs])).toEqual([
      ['AssertionError: expected <num> to equal <num>', 8],
      ['ReferenceError: state is not defined at line <num>', 4],
    ]);
    expect(m.contexts).toMatchObject([{ nudge: 'global state', contexts: [{ signature: 'ReferenceError: state is not defined at line <num>', runs: 4, lift: 3 }] }]);
    expect(m.contexts[0]?.contexts[0]?.low).toBeGreaterThan(1);
  });
});
