import { describe, expect, it } from 'vitest';
import { adjustedEstimates, fitAdjusted } from '../../../../src/domain/learning/adjusted';
import { updateAdjusted } from '../../../../src/domain/learning/adjustedUpdate';
import { EncodingBuilder, type EncodedRuns } from '../../../../src/domain/learning/encode';
import { currentIntercepts } from '../../../../src/domain/learning/pendingIntercepts';
import { generateEvidence, makeWorld } from '../../../../src/domain/learning/simulate';

/** Runs [from, to) of an encoding, in the same index space. */
function slice(enc: EncodedRuns, from: number, to: number): EncodedRuns {
  const b = new EncodingBuilder(enc.nudgeKeys, enc.specKeys);
  for (let i = from; i < to; i++) b.addIndexed(enc.spec[i]!, enc.nudgeIdx.subarray(enc.offsets[i]!, enc.offsets[i + 1]!), enc.passed[i] === 1, enc.weight[i]!);
  return b.build();
}

describe('updateAdjusted', () => {
  const world = makeWorld({ seed: 8, effects: [0.7, -0.5, 0.2, 0, -0.9, 0.4], specs: 12, hardSpecNudges: [3] });
  const all = generateEvidence(world, 2200, 'confounded', 4);
  const refit = adjustedEstimates(fitAdjusted(all));

  it('one run at a time, tracks a full refit closely', () => {
    const state = fitAdjusted(slice(all, 0, 2000));
    for (let i = 2000; i < 2200; i++) updateAdjusted(state, slice(all, i, i + 1));
    expect(state.n).toBe(2200);
    expect(state.updatesSinceFit).toBe(200);
    adjustedEstimates(state).forEach((e, k) => {
      const r = refit[k]!;
      expect(e.nWith).toBe(r.nWith);
      expect(Math.abs(e.logOdds - r.logOdds)).toBeLessThan(0.01);
      expect(Math.abs(e.se / r.se - 1)).toBeLessThan(0.01);
      expect(Math.abs(e.ame - r.ame)).toBeLessThan(0.2);
      expect(Math.abs(e.lo - r.lo)).toBeLessThan(0.2);
      expect(Math.abs(e.hi - r.hi)).toBeLessThan(0.2);
    });
  });
  it('keeps the intercepts it leaves pending in step with a refit', () => {
    const state = fitAdjusted(slice(all, 0, 2000));
    for (let i = 2000; i < 2200; i++) updateAdjusted(state, slice(all, i, i + 1));
    const refitU = fitAdjusted(all).params.u;
    const tracked = currentIntercepts(state);
    const gap = (u: Float64Array): number => Math.max(...u.map((x, t) => Math.abs(x - refitU[t]!)));
    expect(gap(tracked)).toBeLessThan(0.01);
    // The pending share is real: the stored values alone are further off.
    expect(gap(state.params.u)).toBeGreaterThan(1.5 * gap(tracked));
  });
  it('moves the estimates the right way (a batch equals the same runs one by one)', () => {
    const batch = fitAdjusted(slice(all, 0, 2000));
    const before = batch.params.b.slice();
    updateAdjusted(batch, slice(all, 2000, 2200));
    const single = fitAdjusted(slice(all, 0, 2000));
    for (let i = 2000; i < 2200; i++) updateAdjusted(single, slice(all, i, i + 1));
    batch.params.b.forEach((b, k) => expect(b).toBeCloseTo(single.params.b[k]!, 12));
    const moved = batch.params.b.map((b, k) => Math.abs(b - before[k]!));
    expect(Math.max(...moved)).toBeGreaterThan(1e-3);
  });
  it('takes runs with new specs and new nudges', () => {
    const state = fitAdjusted(slice(all, 0, 2000));
    const extra = new EncodingBuilder();
    extra.add('a new spec', ['nudge 0', 'brand new'], true);
    extra.add('spec 1', ['brand new'], false);
    updateAdjusted(state, extra.build());
    expect(state.nudgeKeys).toEqual([...all.nudgeKeys, 'brand new']);
    expect(state.specKeys).toEqual([...all.specKeys, 'a new spec']);
    const est = adjustedEstimates(state);
    const fresh = est.find((e) => e.nudge === 'brand new')!;
    expect(fresh.nWith).toBe(2);
    expect(fresh.nWithout).toBe(2000);
    expect(fresh.classification).toBe('not enough evidence');
    // The same runs refitted from scratch agree with the update.
    const b = new EncodingBuilder(all.nudgeKeys, all.specKeys);
    const base = slice(all, 0, 2000);
    for (let i = 0; i < 2000; i++) b.addIndexed(base.spec[i]!, base.nudgeIdx.subarray(base.offsets[i]!, base.offsets[i + 1]!), base.passed[i] === 1);
    b.add('a new spec', ['nudge 0', 'brand new'], true);
    b.add('spec 1', ['brand new'], false);
    const full = adjustedEstimates(fitAdjusted(b.build()));
    const again = full.find((e) => e.nudge === 'brand new')!;
    // Two runs under a unit prior: the one-step Laplace update is close, not exact.
    expect(Math.abs(fresh.logOdds - again.logOdds)).toBeLessThan(0.02);
    expect(Math.abs(fresh.se / again.se - 1)).toBeLessThan(0.03);
    expect(Math.abs(fresh.ame - again.ame)).toBeLessThan(0.5);
    expect(Math.abs(fresh.lo - again.lo)).toBeLessThan(1);
    expect(Math.abs(fresh.hi - again.hi)).toBeLessThan(1);
  });
  it('maps keys the same when every update is handed the same growing key lists (as the learner log does)', () => {
    const shared = fitAdjusted(slice(all, 0, 2000));
    const fresh = fitAdjusted(slice(all, 0, 2000));
    // One pair of key arrays for every update, growing between them, with keys in another order.
    const nudgeKeys = ['brand new', ...all.nudgeKeys.slice().reverse()];
    const specKeys = [...all.specKeys];
    const run = (spec: string, nudges: string[], passed: boolean): EncodedRuns => {
      for (const k of nudges) if (!nudgeKeys.includes(k)) nudgeKeys.push(k);
      if (!specKeys.includes(spec)) specKeys.push(spec);
      const offsets = Int32Array.from([0, nudges.length]);
      const nudgeIdx = Int32Array.from(nudges.map((k) => nudgeKeys.indexOf(k)).sort((a, b) => a - b));
      return { n: 1, passed: Uint8Array.of(passed ? 1 : 0), spec: Int32Array.of(specKeys.indexOf(spec)), offsets, nudgeIdx, weight: Float32Array.of(1), nudgeKeys, specKeys };
    };
    const runs: [string, string[], boolean][] = [
      ['spec 1', ['nudge 0', 'brand new'], true],
      ['spec 2', ['nudge 3'], false],
      ['spec 1', ['later', 'nudge 1'], true],
      ['another spec', ['later', 'brand new'], false],
      ['spec 3', ['nudge 0'], true],
    ];
    for (const [spec, nudges, passed] of runs) {
      updateAdjusted(shared, run(spec, nudges, passed));
      const one = new EncodingBuilder();
      one.add(spec, nudges, passed);
      updateAdjusted(fresh, one.build());
    }
    expect(shared.nudgeKeys).toEqual(fresh.nudgeKeys);
    expect(shared.specKeys).toEqual(fresh.specKeys);
    expect([...shared.nWith]).toEqual([...fresh.nWith]);
    shared.params.b.forEach((b, k) => expect(b).toBeCloseTo(fresh.params.b[k]!, 12));
  });
  it('lets a refit start warm from the updated state, to the same answer in fewer iterations', () => {
    const state = fitAdjusted(slice(all, 0, 2000));
    updateAdjusted(state, slice(all, 2000, 2200));
    const cold = fitAdjusted(all);
    const warm = fitAdjusted(all, { warmStart: state });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    warm.params.b.forEach((b, k) => expect(b).toBeCloseTo(cold.params.b[k]!, 5));
    // Each covariance comes from the last full Hessian, built within refreshTol of the optimum.
    warm.variance.forEach((v, k) => expect(Math.abs(v / cold.variance[k]! - 1)).toBeLessThan(0.01));
  });
});

describe('updateAdjusted on specs without an intercept of their own', () => {
  it('counts a run of a spec fitted through its conditional likelihood, and leaves its information to the refit', () => {
    const e = new EncodingBuilder();
    for (let s = 0; s < 20; s++) for (let t = 0; t < 6; t++) e.add(`small ${s}`, t % 2 ? ['x'] : [], (s + t) % 3 !== 0);
    const state = fitAdjusted(e.build());
    const before = state.params.b.slice();
    const one = new EncodingBuilder();
    one.add('small 3', ['x'], true);
    one.add('a new spec', ['x'], false);
    updateAdjusted(state, one.build());
    expect(state.deferredRuns).toBe(2);
    expect(state.updatesSinceFit).toBe(2);
    expect(state.n).toBe(122);
    expect(Array.from(state.params.b)).toEqual(Array.from(before));
    expect(adjustedEstimates(state).find((x) => x.nudge === 'x')!.nWith).toBe(62);
  });
});
