import { describe, expect, it } from 'vitest';
import { fitAdjusted } from '../../../../src/domain/learning/adjusted';
import { EncodingBuilder, type EncodedRuns } from '../../../../src/domain/learning/encode';
import { emptyFactor, factorInPlace, type Penalties } from '../../../../src/domain/learning/laplace';
import { InterceptFollower } from '../../../../src/domain/learning/logistic';
import { mulberry32, normal } from '../../../../src/domain/random';

const sigma = (x: number) => 1 / (1 + Math.exp(-x));

/** specs x runsPerSpec runs, each with a random third of K nudges; effects and spec difficulties seeded. */
function world(seed: number, specs: number, runsPerSpec: number, K: number): EncodedRuns {
  const rng = mulberry32(seed);
  const effects = Array.from({ length: K }, () => 0.6 * normal(rng));
  const e = new EncodingBuilder(Array.from({ length: K }, (_, k) => `n${k}`));
  const u = Array.from({ length: specs }, () => normal(rng));
  // Interleaved as a log would be: run i is on spec i mod specs.
  for (let r = 0; r < runsPerSpec; r++) {
    for (let s = 0; s < specs; s++) {
      const nudges = effects.flatMap((_, k) => (rng() < 0.33 ? [k] : []));
      const eta = u[s]! + nudges.reduce((a, k) => a + effects[k]!, 0);
      e.addIndexed(e.specOf(`spec ${s}`), nudges, rng() < sigma(eta));
    }
  }
  return e.build();
}

describe('the sampled Newton path (a Hessian sample much smaller than the runs)', () => {
  // 24 specs x 500 runs, 10 nudges: P = 34 parameters, sample 40 P = 1,360 runs, stride 8.
  const seed = 77;
  const enc = world(seed, 24, 500, 10);

  it(`reaches the optimum of the all-runs Newton fit, with one full Hessian (seed ${seed})`, () => {
    const plain = fitAdjusted(enc, { hessianSample: 0, refreshTol: 0, tol: 1e-10 });
    const fractions: number[] = [];
    const sampled = fitAdjusted(enc, { hessianSample: 1000 }, (f) => fractions.push(f));
    expect(sampled.converged).toBe(true);
    expect(sampled.sampledHessianPasses).toBeGreaterThan(0);
    expect(sampled.hessianPasses).toBe(1);
    sampled.params.b.forEach((b, k) => expect(Math.abs(b - plain.params.b[k]!)).toBeLessThan(1e-6));
    // The covariance's Hessian is built near, not at, the optimum (logistic.ts).
    sampled.variance.forEach((v, k) => expect(Math.abs(v / plain.variance[k]! - 1)).toBeLessThan(1e-2));
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThanOrEqual(fractions[i - 1]!);
    expect(fractions.at(-1)).toBe(1);
  });

  it(`converges on a log that cycles through its specs with a period sharing a factor with the stride (seed ${seed})`, () => {
    // Sampled by run index (every 8th), only 3 of the 24 specs had curvature: 50 iterations, not converged.
    const sampled = fitAdjusted(enc, { hessianSample: 1000 });
    expect(sampled.converged).toBe(true);
    expect(sampled.iterations).toBeLessThan(15);
  });

  it(`starts warm from a previous fit to the same optimum (seed ${seed})`, () => {
    const cold = fitAdjusted(enc, { hessianSample: 1000 });
    const warm = fitAdjusted(enc, { hessianSample: 1000, warmStart: cold });
    expect(warm.iterations).toBeLessThanOrEqual(2);
    warm.params.b.forEach((b, k) => expect(Math.abs(b - cold.params.b[k]!)).toBeLessThan(1e-6));
  });
});

describe('InterceptFollower', () => {
  it('turns a sampled factor into the one built from the new intercept curvature and its scaled column sums', () => {
    const rng = mulberry32(5);
    const [S, K] = [4, 3];
    const pen: Penalties = { spec: 1e-6, columns: Float64Array.from({ length: K }, () => 1) };
    const vu = Float64Array.from({ length: S }, () => 5 + 10 * rng());
    const C = Float64Array.from({ length: S * K }, () => 3 * rng());
    const H = new Float64Array(K * K);
    for (let a = 0; a < K; a++) for (let c = 0; c <= a; c++) H[a * K + c] = a === c ? 20 + rng() : rng();
    const build = (vuAt: Float64Array, scaleOf: (s: number) => number) => {
      const f = emptyFactor(S, K);
      for (let s = 0; s < S; s++) for (let k = 0; k < K; k++) f.lbu[s * K + k] = scaleOf(s) * C[s * K + k]!;
      f.lbb.set(H);
      factorInPlace(f, vuAt, pen, true);
      return f;
    };
    const f = build(vu, () => 1);
    const follower = new InterceptFollower(S);
    follower.reset(vu);
    // Runs: two per spec, in the order a log would have them; v is each run's curvature weight.
    const enc = { n: 2 * S, spec: Int32Array.from({ length: 2 * S }, (_, i) => i % S) } as EncodedRuns;
    const rowOf = Int32Array.from({ length: S }, (_, s) => s);
    for (const shrink of [0.6, 1.3]) {
      const v = Float64Array.from({ length: 2 * S }, (_, i) => (shrink * vu[i % S]! * (i < S ? 0.25 : 0.75)) * (1 + 0.1 * (i % S)));
      follower.follow(f, enc, rowOf, v, pen.spec);
      const now = Float64Array.from({ length: S }, (_, s) => v[s]! + v[s + S]!);
      const expected = build(now, (s) => now[s]! / vu[s]!);
      f.lu.forEach((x, s) => expect(x).toBeCloseTo(expected.lu[s]!, 12));
      f.lbu.forEach((x, j) => expect(x).toBeCloseTo(expected.lbu[j]!, 12));
      f.lbb.forEach((x, j) => expect(x).toBeCloseTo(expected.lbb[j]!, 12));
    }
  });
});
