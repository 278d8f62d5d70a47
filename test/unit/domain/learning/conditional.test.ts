import { describe, expect, it } from 'vitest';
import { ConditionalSpec } from '../../../../src/domain/learning/conditional';
import { mulberry32, normal } from '../../../../src/domain/random';

/** The conditional distribution by enumerating every outcome vector with the same number of passes. */
function bruteForce(eta: number[], y: number[]) {
  const T = eta.length;
  const Y = y.reduce((a, b) => a + b, 0);
  let total = 0;
  const pi = new Array<number>(T).fill(0);
  const both = Array.from({ length: T }, () => new Array<number>(T).fill(0));
  let observed = 0;
  for (let mask = 0; mask < 1 << T; mask++) {
    let ones = 0;
    let lin = 0;
    for (let i = 0; i < T; i++) if (mask & (1 << i)) { ones++; lin += eta[i]!; }
    if (ones !== Y) continue;
    const w = Math.exp(lin);
    total += w;
    if (y.every((v, i) => v === ((mask >> i) & 1))) observed = w;
    for (let i = 0; i < T; i++) {
      if (!(mask & (1 << i))) continue;
      pi[i] = pi[i]! + w;
      for (let j = 0; j < T; j++) if (mask & (1 << j)) both[i]![j] = both[i]![j]! + w;
    }
  }
  return {
    logLik: Math.log(observed / total),
    pi: pi.map((v) => v / total),
    cov: both.map((row, i) => row.map((v, j) => v / total - (pi[i]! / total) * (pi[j]! / total))),
  };
}

describe('the conditional likelihood of one spec (conditional logistic regression)', () => {
  it('matches enumeration of every outcome with the same number of passes', () => {
    const rng = mulberry32(11);
    const k = new ConditionalSpec(2);
    for (let trial = 0; trial < 40; trial++) {
      const T = 2 + Math.floor(rng() * 9);
      // Spreads up to +-12 log-odds: a nudge that all but separates passes from failures.
      const scale = trial % 4 === 0 ? 12 : 2;
      // Every other trial draws eta from three values: runs with the same nudges share divisions.
      const levels = [scale * normal(rng), scale * normal(rng), scale * normal(rng)];
      const eta = Array.from({ length: T }, () => (trial % 2 ? levels[Math.floor(rng() * 3)]! : scale * normal(rng)));
      const y: number[] = Array.from({ length: T }, () => (rng() < 0.5 ? 1 : 0));
      const Y = y.reduce((a, b) => a + b, 0);
      if (Y === 0 || Y === T) continue;
      const ref = bruteForce(eta, y);
      const ll = k.evaluate(eta, y, T, true);
      expect(ll, `trial ${trial}`).toBeCloseTo(ref.logLik, 7);
      for (let i = 0; i < T; i++) {
        expect(k.pi[i]!, `pi ${trial}/${i}`).toBeCloseTo(ref.pi[i]!, 8);
        for (let j = 0; j < T; j++) expect(k.cov[i * T + j]!, `cov ${trial}/${i},${j}`).toBeCloseTo(ref.cov[i]![j]!, 8);
      }
    }
  });

  it('does not depend on a shift of every eta (the intercept it conditions away)', () => {
    const k = new ConditionalSpec();
    const eta = [0.3, -1.2, 2.5, 0, 0.7];
    const y = [1, 0, 1, 0, 0];
    const a = k.evaluate(eta, y, 5, false);
    const pa = Array.from(k.pi.subarray(0, 5));
    const b = k.evaluate(eta.map((e) => e + 37), y, 5, false);
    expect(b).toBeCloseTo(a, 10);
    Array.from(k.pi.subarray(0, 5)).forEach((v, i) => expect(v).toBeCloseTo(pa[i]!, 10));
  });

  it('says nothing about a spec whose runs all passed or all failed', () => {
    const k = new ConditionalSpec();
    expect(k.evaluate([1, 2, 3], [1, 1, 1], 3, true)).toBe(0);
    expect(Array.from(k.cov.subarray(0, 9))).toEqual(new Array(9).fill(0));
    expect(k.evaluate([1, 2, 3], [0, 0, 0], 3, true)).toBe(0);
  });

  it('stays exact with 40 runs whose effects are far apart', () => {
    // 40 runs: a pass probability of 1/2 each except one run 30 log-odds above the rest.
    const k = new ConditionalSpec();
    const eta = Array.from({ length: 40 }, (_, i) => (i === 0 ? 30 : 0));
    const y = Array.from({ length: 40 }, (_, i) => (i < 20 ? 1 : 0));
    k.evaluate(eta, y, 40, true);
    // Run 0 passes for certain; the other 39 share the remaining 19 passes equally.
    expect(k.pi[0]).toBeCloseTo(1, 10);
    for (let i = 1; i < 40; i++) expect(k.pi[i]!).toBeCloseTo(19 / 39, 10);
    // Hypergeometric covariance among the 39 exchangeable runs: -p(1-p)/(N-1).
    expect(k.cov[1 * 40 + 2]!).toBeCloseTo(-((19 / 39) * (20 / 39)) / 38, 10);
    expect(k.cov[0 * 40 + 5]!).toBeCloseTo(0, 10);
  });
});
