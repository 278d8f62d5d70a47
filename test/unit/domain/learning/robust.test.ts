import { describe, expect, it } from 'vitest';
import { fitAdjusted } from '../../../../src/domain/learning/adjusted';
import { EncodingBuilder } from '../../../../src/domain/learning/encode';

/**
 * The spec-clustered sandwich of robust.ts against a brute-force one: every spec's conditional
 * likelihood by enumerating which of its runs passed (given how many did), its score and
 * information from that distribution, then A (sum_s g_s g_s^T + P) A with A = (sum_s I_s + P)^{-1}.
 */
type SpecRuns = { x: number[][]; y: number[] }[];

function bruteForce(specs: SpecRuns, b: number[], precision: number) {
  const K = b.length;
  const H = Array.from({ length: K }, (_, k) => Array.from({ length: K }, (_, j) => (k === j ? precision : 0)));
  const M = Array.from({ length: K }, (_, k) => Array.from({ length: K }, (_, j) => (k === j ? precision : 0)));
  for (const { x, y } of specs) {
    const T = y.length;
    const Y = y.reduce((a, v) => a + v, 0);
    if (Y === 0 || Y === T) continue;
    // Distribution over subsets of passes of size Y: weight exp(sum of their eta).
    const eta = x.map((row) => row.reduce((a, v, k) => a + v * b[k]!, 0));
    const subsets: { w: number; s: number[] }[] = [];
    for (let mask = 0; mask < 1 << T; mask++) {
      let count = 0;
      let e = 0;
      for (let t = 0; t < T; t++) {
        if (!(mask & (1 << t))) continue;
        count++;
        e += eta[t]!;
      }
      if (count !== Y) continue;
      const s = Array.from({ length: K }, (_, k) => x.reduce((a, row, t) => a + (mask & (1 << t) ? row[k]! : 0), 0));
      subsets.push({ w: Math.exp(e), s });
    }
    const Z = subsets.reduce((a, v) => a + v.w, 0);
    const mean = Array.from({ length: K }, (_, k) => subsets.reduce((a, v) => a + v.w * v.s[k]!, 0) / Z);
    const observed = Array.from({ length: K }, (_, k) => x.reduce((a, row, t) => a + row[k]! * y[t]!, 0));
    const g = observed.map((o, k) => o - mean[k]!);
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < K; j++) {
        H[k]![j] = H[k]![j]! + subsets.reduce((a, v) => a + v.w * (v.s[k]! - mean[k]!) * (v.s[j]! - mean[j]!), 0) / Z;
        M[k]![j] = M[k]![j]! + g[k]! * g[j]!;
      }
    }
  }
  if (K !== 2) throw new Error('the brute force inverts 2 x 2 only');
  const det = H[0]![0]! * H[1]![1]! - H[0]![1]! * H[1]![0]!;
  const A = [
    [H[1]![1]! / det, -H[0]![1]! / det],
    [-H[1]![0]! / det, H[0]![0]! / det],
  ];
  const robust = [0, 1].map((k) => [0, 1].reduce((a, i) => a + [0, 1].reduce((c, j) => c + A[k]![i]! * M[i]![j]! * A[j]![k]!, 0), 0));
  return { laplace: [A[0]![0]!, A[1]![1]!], robust };
}

/** Specs of 5 runs; nudge "x" on runs 1, 2, 4, nudge "z" on runs 0, 2; outcomes as given. */
function world(outcomes: number[][]): { enc: ReturnType<EncodingBuilder['build']>; specs: SpecRuns } {
  const e = new EncodingBuilder();
  const specs: SpecRuns = [];
  const xs = [[0, 1], [1, 0], [1, 1], [0, 0], [1, 0]];
  outcomes.forEach((y, s) => {
    y.forEach((passed, t) => e.add(`s${s}`, [...(xs[t]![0] ? ['x'] : []), ...(xs[t]![1] ? ['z'] : [])], passed === 1));
    specs.push({ x: xs, y });
  });
  return { enc: e.build(), specs };
}

describe('robust (sandwich) variance of the effects', () => {
  it('matches the brute-force sandwich, widening where specs disagree more than the model allows', () => {
    // "x" helps on the first four specs (passes exactly with it) and hurts on the last four.
    const helps = [0, 1, 1, 0, 1];
    const hurts = [1, 0, 0, 1, 0];
    const { enc, specs } = world([helps, helps, helps, helps, hurts, hurts, hurts, hurts, [1, 1, 0, 0, 1], [0, 1, 1, 1, 0]]);
    const state = fitAdjusted(enc, { tol: 1e-10, refreshTol: 0 });
    const b = ['x', 'z'].map((k) => state.params.b[state.nudgeKeys.indexOf(k)]!);
    const truth = bruteForce(specs, b, 1);
    ['x', 'z'].forEach((key, k) => {
      const c = state.nudgeKeys.indexOf(key);
      expect(state.variance[c]!).toBeCloseTo(truth.laplace[k]!, 6);
      expect(state.variance[c]! * state.inflation[c]!).toBeCloseTo(Math.max(truth.laplace[k]!, truth.robust[k]!), 6);
    });
    // The specs disagree about "x" far beyond what one shared effect allows: its interval widens.
    expect(state.inflation[state.nudgeKeys.indexOf('x')]!).toBeGreaterThan(2);
  });

  it('leaves the interval as it is when the specs agree', () => {
    // Every spec the same: "x" helps everywhere as much as the fit says.
    const { enc, specs } = world(Array.from({ length: 8 }, () => [0, 1, 1, 0, 1]));
    const state = fitAdjusted(enc, { tol: 1e-10, refreshTol: 0 });
    const b = ['x', 'z'].map((k) => state.params.b[state.nudgeKeys.indexOf(k)]!);
    const truth = bruteForce(specs, b, 1);
    const c = state.nudgeKeys.indexOf('x');
    expect(truth.robust[0]!).toBeLessThan(truth.laplace[0]!);
    expect(state.inflation[c]!).toBe(1);
  });
});
