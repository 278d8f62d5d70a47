import { describe, expect, it } from 'vitest';
import { fitAdjusted } from '../../../../src/domain/learning/adjusted';
import { updateAdjusted } from '../../../../src/domain/learning/adjustedUpdate';
import { EncodingBuilder, type EncodedRuns } from '../../../../src/domain/learning/encode';
import { CAPACITY, covarianceCholesky, covarianceDiagonal, covarianceDowndate, covarianceTimes, flushCovariance, growCovariance, keptCovariance } from '../../../../src/domain/learning/keptCovariance';
import { choleskyInPlace } from '../../../../src/domain/learning/linalg';
import { inverseFromCholesky } from '../../../../src/domain/learning/choleskyInverse';
import { generateEvidence, makeWorld } from '../../../../src/domain/learning/simulate';
import { posteriorOf, thompsonDraw } from '../../../../src/domain/learning/thompson';
import { mulberry32, normal } from '../../../../src/domain/random';

/** A random symmetric positive-definite n x n matrix (row-major, both triangles). */
function spd(n: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  const g = Float64Array.from({ length: n * n }, () => normal(rng));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? n : 0;
    for (let k = 0; k < n; k++) s += g[i * n + k]! * g[j * n + k]!;
    a[i * n + j] = s;
  }
  return a;
}

function times(a: Float64Array, n: number, v: Float64Array): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += a[i * n + k]! * v[k]!;
    return s;
  });
}

function slice(enc: EncodedRuns, from: number, to: number): EncodedRuns {
  const b = new EncodingBuilder(enc.nudgeKeys, enc.specKeys);
  for (let i = from; i < to; i++) b.addIndexed(enc.spec[i]!, enc.nudgeIdx.subarray(enc.offsets[i]!, enc.offsets[i + 1]!), enc.passed[i] === 1, enc.weight[i]!);
  return b.build();
}

describe('the kept covariance (product form of Sherman-Morrison downdates)', () => {
  const n = 7;
  const a = spd(n, 11);

  it('inverts from the Cholesky factor', () => {
    const l = a.slice();
    choleskyInPlace(l, n);
    const inv = inverseFromCholesky(l, n);
    for (let i = 0; i < n; i++) {
      const e = new Float64Array(n);
      e[i] = 1;
      const col = times(a, n, Float64Array.from({ length: n }, (_, k) => inv[k * n + i]!));
      col.forEach((x, k) => expect(x).toBeCloseTo(k === i ? 1 : 0, 10));
      for (let k = 0; k < n; k++) expect(inv[i * n + k]).toBe(inv[k * n + i]);
    }
  });
  it('multiplies, downdates and flushes to the same matrix as forming it explicitly, past its capacity', () => {
    const l = a.slice();
    choleskyInPlace(l, n);
    const c = keptCovariance(l, n);
    const explicit = inverseFromCholesky(l, n);
    const rng = mulberry32(5);
    const v = new Float64Array(n);
    const z = new Float64Array(n);
    for (let r = 0; r < CAPACITY + 10; r++) {
      for (let k = 0; k < n; k++) v[k] = normal(rng);
      covarianceTimes(c, v, z);
      const want = times(explicit, n, v);
      z.forEach((x, k) => expect(x).toBeCloseTo(want[k]!, 10));
      // A rank-one precision increase gamma v v^T: Sigma - beta z z^T with beta = gamma / (1 + gamma v.z).
      const gamma = 0.01;
      let vz = 0;
      for (let k = 0; k < n; k++) vz += v[k]! * z[k]!;
      const beta = gamma / (1 + gamma * vz);
      covarianceDowndate(c, z, beta);
      for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) explicit[i * n + k] = explicit[i * n + k]! - beta * z[i]! * z[k]!;
    }
    expect(c.m).toBe(10);
    expect(c.updated).toBe(true);
    const diag = covarianceDiagonal(c);
    expect(c.m).toBe(0);
    diag.forEach((d, k) => expect(d).toBeCloseTo(explicit[k * n + k]!, 10));
    c.base.forEach((x, i) => expect(x).toBeCloseTo(explicit[i]!, 10));
    const m = covarianceCholesky(c);
    // M M^T = Sigma.
    for (let i = 0; i < n; i++) for (let k = 0; k <= i; k++) {
      let s = 0;
      for (let t = 0; t <= k; t++) s += m[i * n + t]! * m[k * n + t]!;
      expect(s).toBeCloseTo(explicit[i * n + k]!, 10);
    }
  });
  it('grows by uncorrelated columns with their prior variance', () => {
    const l = a.slice();
    choleskyInPlace(l, n);
    const c = keptCovariance(l, n);
    covarianceDowndate(c, Float64Array.from({ length: n }, () => 0.1), 0.5);
    const before = c.base.slice();
    flushCovariance(c);
    const flushed = c.base.slice();
    expect(flushed).not.toEqual(before);
    growCovariance(c, n + 2, Float64Array.from({ length: n + 2 }, () => 4));
    expect(c.K).toBe(n + 2);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) expect(c.base[i * (n + 2) + k]).toBe(flushed[i * n + k]);
    expect(c.base[n * (n + 2) + n]).toBe(0.25);
    expect(c.base[n * (n + 2) + 0]).toBe(0);
  });
});

describe('incremental updates with the kept covariance', () => {
  const world = makeWorld({ seed: 9, effects: [0.6, -0.4, 0.3, 0, -0.8], specs: 8, hardSpecNudges: [3] });
  const all = generateEvidence(world, 1800, 'confounded', 3);
  const first = slice(all, 0, 1600);

  it('give the same state whether the fit kept the covariance or the first update built it', () => {
    const kept = fitAdjusted(first, { keepCovariance: true });
    const built = fitAdjusted(first);
    expect(kept.covariance).toBeDefined();
    expect(built.covariance).toBeUndefined();
    kept.variance.forEach((v, k) => expect(v).toBeCloseTo(built.variance[k]!, 12));
    for (let i = 1600; i < 1800; i++) {
      updateAdjusted(kept, slice(all, i, i + 1));
      updateAdjusted(built, slice(all, i, i + 1));
    }
    kept.params.b.forEach((b, k) => expect(b).toBeCloseTo(built.params.b[k]!, 12));
    kept.variance.forEach((v, k) => expect(v).toBeCloseTo(built.variance[k]!, 12));
  });
  it('keep the variances equal to the covariance diagonal, and match a full refit of the same runs', () => {
    const state = fitAdjusted(first, { keepCovariance: true });
    for (let i = 1600; i < 1800; i++) updateAdjusted(state, slice(all, i, i + 1));
    const diag = covarianceDiagonal(state.covariance!);
    state.variance.forEach((v, k) => expect(v).toBeCloseTo(diag[k]!, 10));
    const refit = fitAdjusted(all);
    state.params.b.forEach((b, k) => expect(Math.abs(b - refit.params.b[k]!)).toBeLessThan(0.01));
    state.variance.forEach((v, k) => expect(Math.abs(v / refit.variance[k]! - 1)).toBeLessThan(0.05));
  });
  it('draw Thompson samples from the updated covariance, not the fit-time precision', () => {
    const state = fitAdjusted(first);
    expect(posteriorOf(state).precisionCholesky).toBe(state.factor.lbb);
    for (let i = 1600; i < 1800; i++) updateAdjusted(state, slice(all, i, i + 1));
    const post = posteriorOf(state);
    expect(post.covarianceCholesky).toBeDefined();
    const K = state.params.b.length;
    const rng = mulberry32(77);
    const draws = 20000;
    const sq = new Float64Array(K);
    for (let d = 0; d < draws; d++) {
      const x = thompsonDraw(post, rng);
      for (let k = 0; k < K; k++) sq[k] = sq[k]! + (x[k]! - state.params.b[k]!) ** 2;
    }
    sq.forEach((s, k) => expect(s / draws / state.variance[k]!).toBeGreaterThan(0.95));
    sq.forEach((s, k) => expect(s / draws / state.variance[k]!).toBeLessThan(1.05));
  });
});
