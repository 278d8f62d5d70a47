import { describe, expect, it } from 'vitest';
import { adjustedEstimates, classifyEffect, fitAdjusted, rankEffects, type AdjustedEstimate } from '../../../../src/domain/learning/adjusted';
import { CancelledError } from '../../../../src/domain/learning/cancel';
import { EncodingBuilder } from '../../../../src/domain/learning/encode';
import { rawEstimates } from '../../../../src/domain/learning/raw';

const sigma = (x: number) => 1 / (1 + Math.exp(-x));
/** A prior so weak that the fit is the maximum-likelihood one. */
const FLAT = { nudgePrecision: 1e-10, refreshTol: 0, tol: 1e-10 };

/** One spec, one nudge: a passes / b fails without it, c passes / d fails with it. */
function table(a: number, b: number, c: number, d: number) {
  const e = new EncodingBuilder();
  for (let i = 0; i < a; i++) e.add('s', [], true);
  for (let i = 0; i < b; i++) e.add('s', [], false);
  for (let i = 0; i < c; i++) e.add('s', ['x'], true);
  for (let i = 0; i < d; i++) e.add('s', ['x'], false);
  return e.build();
}

const only = (estimates: AdjustedEstimate[], nudge: string) => estimates.find((e) => e.nudge === nudge)!;

describe('a spec with many runs: its own intercept (a 2x2 table, closed form)', () => {
  const [a, b, c, d] = [30, 20, 40, 10];
  const state = fitAdjusted(table(a, b, c, d), FLAT);
  const x = only(adjustedEstimates(state), 'x');

  it('recovers the log-odds ratio, its standard error sqrt(1/a + 1/b + 1/c + 1/d) and the unexposed log-odds', () => {
    expect(state.converged).toBe(true);
    expect(x.logOdds).toBeCloseTo(Math.log((b * c) / (a * d)), 5);
    expect(x.se).toBeCloseTo(Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d), 4);
    expect(state.params.u[0]!).toBeCloseTo(Math.log(a / b), 5);
  });
  it('gives the AME as the difference of the two pass rates, with the mapped Wald interval', () => {
    expect(x.ame).toBeCloseTo(100 * (c / (c + d) - a / (a + b)), 2);
    const base = Math.log(a / b);
    expect(x.lo).toBeCloseTo(100 * (sigma(base + x.logOdds - 1.959963984540054 * x.se) - sigma(base)), 1);
    expect(x.classification).toBe('beneficial');
  });
});

/** Log conditional likelihood of one spec's table at log-odds ratio t (Fisher's noncentral hypergeometric). */
function conditionalLogLik(a: number, b: number, c: number, d: number, t: number): number {
  const withX = c + d;
  const passes = a + c;
  const n = a + b + c + d;
  const choose = (m: number, k: number) => {
    let r = 0;
    for (let i = 0; i < k; i++) r += Math.log(m - i) - Math.log(i + 1);
    return r;
  };
  let total = -Infinity;
  for (let k = Math.max(0, passes - (n - withX)); k <= Math.min(withX, passes); k++) {
    const term = choose(withX, k) + choose(n - withX, passes - k) + k * t;
    total = Math.max(total, term) + Math.log1p(Math.exp(-Math.abs(total - term)));
  }
  return choose(withX, c) + choose(n - withX, a) + c * t - total;
}

describe('a spec with few runs: the conditional likelihood', () => {
  it('gives the conditional maximum-likelihood log-odds ratio (not the biased unconditional one)', () => {
    const [a, b, c, d] = [4, 6, 7, 3];
    const x = only(adjustedEstimates(fitAdjusted(table(a, b, c, d), FLAT)), 'x');
    // Golden-section search on the exact conditional likelihood.
    let lo = -10;
    let hi = 10;
    for (let i = 0; i < 200; i++) {
      const m1 = lo + 0.382 * (hi - lo);
      const m2 = lo + 0.618 * (hi - lo);
      if (conditionalLogLik(a, b, c, d, m1) < conditionalLogLik(a, b, c, d, m2)) lo = m1;
      else hi = m2;
    }
    expect(x.logOdds).toBeCloseTo((lo + hi) / 2, 4);
    // The unconditional log odds ratio is further from 0: that is the incidental-parameter bias avoided.
    expect(Math.abs(Math.log((b * c) / (a * d)))).toBeGreaterThan(Math.abs(x.logOdds));
  });
});

describe('identification within specs (DOMAIN.md "Identification")', () => {
  it('does not call a nudge used only on a spec that always fails harmful', () => {
    const e = new EncodingBuilder();
    // A hopeless spec: twelve runs, all failed, eight of them with "retry".
    for (let i = 0; i < 12; i++) e.add('hopeless', i < 8 ? ['retry'] : [], false);
    // Three ordinary specs, never with "retry".
    for (const s of ['a', 'b', 'c']) for (let i = 0; i < 12; i++) e.add(s, i % 3 === 0 ? ['tests first'] : [], i % 2 === 0);
    const enc = e.build();
    const raw = rawEstimates(enc).find((r) => r.nudge === 'retry')!;
    // Raw pass rates blame it: 0 of 8 with, 18 of 40 without.
    expect(raw.hi).toBeLessThan(0);
    const retry = only(adjustedEstimates(fitAdjusted(enc)), 'retry');
    expect(retry.informativeSpecs).toBe(0);
    expect(retry.logOdds).toBe(0);
    expect(retry.lo).toBeLessThan(0);
    expect(retry.hi).toBeGreaterThan(0);
    expect(retry.classification).toBe('uncertain');
  });

  it('gives an interval covering 0 for a nudge adopted together with a better model, on the same runs', () => {
    // Each spec run six times with model A without "cot", and the same six times with model B
    // with "cot": B passes far more often, and the nudge only ever appears with B.
    const runs = (withModel: boolean) => {
      const e = new EncodingBuilder();
      let seed = 7;
      const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      for (let s = 0; s < 20; s++) {
        const u = ((s % 5) - 2) * 0.6;
        for (let t = 0; t < 6; t++) {
          e.add(`spec ${s}`, withModel ? ['\tmodel\tA'] : [], rand() < sigma(u));
          e.add(`spec ${s}`, withModel ? ['cot', '\tmodel\tB'] : ['cot'], rand() < sigma(u + 1.5));
        }
      }
      return e.build();
    };
    const cot = only(adjustedEstimates(fitAdjusted(runs(true))), 'cot');
    expect(cot.lo).toBeLessThan(0);
    expect(cot.hi).toBeGreaterThan(0);
    expect(cot.classification).toBe('uncertain');
    // The same runs without the model recorded credit the nudge with the model's gain.
    expect(only(adjustedEstimates(fitAdjusted(runs(false))), 'cot').classification).toBe('beneficial');
  });

  it('is not moved by specs with one run, or whose runs all share the same nudges', () => {
    const e = new EncodingBuilder();
    for (let s = 0; s < 6; s++) for (let i = 0; i < 10; i++) e.add(`s${s}`, (i + s) % 2 ? ['x'] : (i % 3 ? ['y'] : []), (i * 7 + s) % 3 !== 0);
    const before = adjustedEstimates(fitAdjusted(e.build(), { tol: 1e-10, refreshTol: 0 }));
    e.add('one run', ['x'], false);
    for (let i = 0; i < 8; i++) e.add('always x', ['x'], i % 2 === 0);
    for (let i = 0; i < 8; i++) e.add('all failed', i % 2 ? ['x'] : ['y'], false);
    const after = adjustedEstimates(fitAdjusted(e.build(), { tol: 1e-10, refreshTol: 0 }));
    for (const nudge of ['x', 'y']) {
      expect(only(after, nudge).logOdds).toBeCloseTo(only(before, nudge).logOdds, 8);
      expect(only(after, nudge).se).toBeCloseTo(only(before, nudge).se, 8);
    }
  });
});

describe('classification and ranking', () => {
  it('classifies by the interval and the run counts', () => {
    expect(classifyEffect(10, 10, 1, 5)).toBe('beneficial');
    expect(classifyEffect(10, 10, -5, -1)).toBe('harmful');
    expect(classifyEffect(10, 10, -1, 1)).toBe('uncertain');
    expect(classifyEffect(4, 10, 1, 5)).toBe('not enough evidence');
    expect(classifyEffect(10, 4, 1, 5)).toBe('not enough evidence');
  });
  it('ranks beneficial by lower bound, harmful by upper bound', () => {
    const e = (nudge: string, lo: number, hi: number, classification: AdjustedEstimate['classification']) => ({ nudge, lo, hi, classification });
    const r = rankEffects([e('a', 1, 9, 'beneficial'), e('b', 3, 5, 'beneficial'), e('c', -9, -1, 'harmful'), e('d', -5, -3, 'harmful'), e('u', -1, 1, 'uncertain')]);
    expect(r.beneficial.map((x) => x.nudge)).toEqual(['b', 'a']);
    expect(r.harmful.map((x) => x.nudge)).toEqual(['d', 'c']);
  });
  it('leaves the adjustment terms out of the estimates', () => {
    const e = new EncodingBuilder();
    for (let i = 0; i < 60; i++) e.add(`s${i % 3}`, i % 2 ? ['x', '\tmonth\t2024-01'] : ['\tmonth\t2024-02'], i % 5 !== 0);
    expect(adjustedEstimates(fitAdjusted(e.build())).map((x) => x.nudge)).toEqual(['x']);
  });
});

describe('progress and cancellation', () => {
  const e = new EncodingBuilder();
  for (let i = 0; i < 300; i++) e.add(`s${i % 7}`, i % 2 ? ['x'] : ['y'], i % 3 !== 0);
  const enc = e.build();
  it('reports non-decreasing progress ending at 1', () => {
    const seen: number[] = [];
    fitAdjusted(enc, {}, (f) => seen.push(f));
    expect(seen[seen.length - 1]).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]!);
  });
  it('throws CancelledError when asked to stop', () => {
    expect(() => fitAdjusted(enc, { shouldCancel: () => true })).toThrow(CancelledError);
  });
  it('handles no runs at all', () => {
    const state = fitAdjusted(new EncodingBuilder().build());
    expect(adjustedEstimates(state)).toEqual([]);
    expect(state.n).toBe(0);
  });
});
