import { describe, expect, it } from 'vitest';
import { adjustedEstimates, classifyEffect, fitAdjusted, rankEffects, type AdjustedEstimate } from '../../../../src/domain/learning/adjusted';
import { CancelledError } from '../../../../src/domain/learning/cancel';
import { EncodingBuilder } from '../../../../src/domain/learning/encode';
import { rawEstimates } from '../../../../src/domain/learning/raw';
import { generateEvidence, makeWorld } from '../../../../src/domain/learning/simulate';

const Z = 1.959963984540054;
const sigma = (x: number) => 1 / (1 + Math.exp(-x));
const TINY = { mu: 1e-10, spec: 1, nudge: 1e-10 };

/** One spec, one nudge: a passes / b fails without it, c passes / d fails with it. */
function table(a: number, b: number, c: number, d: number) {
  const e = new EncodingBuilder();
  for (let i = 0; i < a; i++) e.add('s', [], true);
  for (let i = 0; i < b; i++) e.add('s', [], false);
  for (let i = 0; i < c; i++) e.add('s', ['x'], true);
  for (let i = 0; i < d; i++) e.add('s', ['x'], false);
  return e.build();
}

describe('fitAdjusted on a 2x2 table (closed form)', () => {
  const [a, b, c, d] = [30, 20, 40, 10];
  const state = fitAdjusted(table(a, b, c, d), { penalties: TINY, refreshTol: 0, tol: 1e-10 });
  const [x] = adjustedEstimates(state);

  it('recovers the log-odds ratio and the unexposed log-odds', () => {
    expect(state.converged).toBe(true);
    expect(x!.logOdds).toBeCloseTo(Math.log((b * c) / (a * d)), 4);
    expect(state.params.mu + state.params.u[0]!).toBeCloseTo(Math.log(a / b), 4);
  });
  it('gives the Laplace standard error sqrt(1/a + 1/b + 1/c + 1/d)', () => {
    expect(x!.se).toBeCloseTo(Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d), 4);
  });
  it('gives the AME as the difference of the two pass rates, with the mapped Wald interval', () => {
    expect(x!.ame).toBeCloseTo(100 * (c / (c + d) - a / (a + b)), 3);
    const base = Math.log(a / b);
    const bHat = Math.log((b * c) / (a * d));
    expect(x!.lo).toBeCloseTo(100 * (sigma(base + bHat - Z * x!.se) - sigma(base)), 3);
    expect(x!.hi).toBeCloseTo(100 * (sigma(base + bHat + Z * x!.se) - sigma(base)), 3);
    expect(x!.classification).toBe('beneficial');
  });
  it('keeps the default Hessian refresh within 1% of the exact standard error', () => {
    const fast = adjustedEstimates(fitAdjusted(table(a, b, c, d), { penalties: TINY }))[0]!;
    expect(Math.abs(fast.se / x!.se - 1)).toBeLessThan(0.01);
    expect(fast.logOdds).toBeCloseTo(x!.logOdds, 6);
  });
});

describe('adjustment for the spec', () => {
  // A neutral nudge (true effect 0) applied 85% of the time on hard specs, 10% on easy ones.
  const world = makeWorld({ seed: 5, effects: [0, 0.8, -0.8, 0], specs: 16, specSd: 2, hardSpecNudges: [0] });
  const enc = generateEvidence(world, 3000, 'confounded', 17);
  const raw = rawEstimates(enc)[0]!;
  const adj = adjustedEstimates(fitAdjusted(enc))[0]!;

  it('makes the raw effect clearly negative', () => {
    expect(raw.effect).toBeLessThan(-0.1);
    expect(raw.hi).toBeLessThan(0);
  });
  it('gives an adjusted interval that covers 0', () => {
    expect(adj.lo).toBeLessThan(0);
    expect(adj.hi).toBeGreaterThan(0);
    expect(adj.classification).toBe('uncertain');
  });
});

describe('classification and ranking', () => {
  it('classifies by the interval and the run counts', () => {
    expect(classifyEffect(5, 5, 0.1, 3)).toBe('beneficial');
    expect(classifyEffect(5, 5, -3, -0.1)).toBe('harmful');
    expect(classifyEffect(5, 5, -1, 1)).toBe('uncertain');
    expect(classifyEffect(4, 100, 10, 20)).toBe('not enough evidence');
    expect(classifyEffect(100, 4, -20, -10)).toBe('not enough evidence');
  });
  it('ranks beneficial by lower bound, harmful by upper bound', () => {
    const e = (nudge: string, lo: number, hi: number): AdjustedEstimate => ({
      nudge,
      index: 0,
      nWith: 9,
      nWithout: 9,
      logOdds: 0,
      se: 1,
      ame: (lo + hi) / 2,
      lo,
      hi,
      classification: classifyEffect(9, 9, lo, hi),
    });
    const ranked = rankEffects([e('a', 1, 30), e('b', 5, 8), e('c', -1, 2), e('d', -9, -1), e('e', -20, -4), e('f', 5, 6)]);
    expect(ranked.beneficial.map((x) => x.nudge)).toEqual(['b', 'f', 'a']);
    expect(ranked.harmful.map((x) => x.nudge)).toEqual(['e', 'd']);
  });
  it('marks a nudge with fewer than 5 runs either way as not enough evidence', () => {
    const est = adjustedEstimates(fitAdjusted(table(30, 20, 3, 1)))[0]!;
    expect(est.nWith).toBe(4);
    expect(est.nWithout).toBe(50);
    expect(est.classification).toBe('not enough evidence');
  });
});

describe('progress and cancellation', () => {
  const world = makeWorld({ seed: 1, effects: [0.5, -0.5, 0.2], specs: 5 });
  const enc = generateEvidence(world, 500, 'random', 2);
  it('reports non-decreasing progress ending at 1', () => {
    const seen: number[] = [];
    fitAdjusted(enc, {}, (f) => seen.push(f));
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
  });
  it('throws CancelledError when asked to stop', () => {
    let calls = 0;
    const run = () => fitAdjusted(enc, { shouldCancel: () => ++calls > 2 });
    expect(run).toThrow(CancelledError);
    calls = 0;
    try {
      run();
    } catch (e) {
      expect((e as Error).name).toBe('CancelledError');
    }
  });
  it('handles no runs at all', () => {
    const empty = new EncodingBuilder(['x'], ['s']).build();
    const [x] = adjustedEstimates(fitAdjusted(empty));
    expect(x!.ame).toBe(0);
    expect(x!.classification).toBe('not enough evidence');
  });
});
