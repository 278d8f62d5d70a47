import { describe, expect, it } from 'vitest';
import { adjustedEstimates, fitAdjusted } from '../../../../src/domain/learning/adjusted';
import { EncodingBuilder, type EncodedRuns } from '../../../../src/domain/learning/encode';
import { solveBlock } from '../../../../src/domain/learning/blockSolve';
import { addRunCurvature } from '../../../../src/domain/learning/blockUpdate';
import type { BlockFactor } from '../../../../src/domain/learning/laplace';
import { choleskyInPlace, solveLower, solveLowerTransposed } from '../../../../src/domain/learning/linalg';
import { mulberry32, normal } from '../../../../src/domain/random';

/**
 * Brute-force references for the within-spec fit: the penalised objective written out from its
 * definition (runs of specs with many runs through their own intercept; specs with few runs
 * through the conditional likelihood, by enumerating every outcome vector with the same
 * number of passes), differentiated numerically.
 */
const sigma = (x: number) => 1 / (1 + Math.exp(-x));
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

function evidence(): EncodedRuns {
  const rng = mulberry32(21);
  const effects = [0.9, -0.6, 0.3, 0, -1.1];
  const e = new EncodingBuilder(['n0', 'n1', 'n2', 'n3', 'n4']);
  const add = (s: number, u: number) => {
    const nudges = effects.flatMap((_, k) => (rng() < 0.35 ? [k] : []));
    const eta = u + nudges.reduce((a, k) => a + effects[k]!, 0);
    e.addIndexed(e.specOf(`spec ${s}`), nudges, rng() < sigma(eta));
  };
  // Three specs with 60 runs (an intercept each), ten with 5 runs (conditional likelihood).
  for (let s = 0; s < 3; s++) for (let r = 0; r < 60; r++) add(s, normal(rng));
  for (let s = 3; s < 13; s++) {
    const u = 1.2 * normal(rng);
    for (let r = 0; r < 5; r++) add(s, u);
  }
  return e.build();
}

const enc = evidence();
const state = fitAdjusted(enc, { refreshTol: 0, tol: 1e-12 });
const K = state.nudgeKeys.length;
const rows = [...state.rowOf].flatMap((r, s) => (r >= 0 ? [s] : []));
const R = rows.length;
const P = R + K;

function runsOf(s: number): number[] {
  return Array.from({ length: enc.n }, (_, i) => i).filter((i) => enc.spec[i] === s);
}

function offset(i: number, b: ArrayLike<number>): number {
  let e = 0;
  for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) e += b[enc.nudgeIdx[j]!]!;
  return e;
}

/** The penalised objective at theta = [u of each profiled spec, b]. */
function objective(theta: Float64Array): number {
  const b = theta.subarray(R);
  let total = 0;
  for (let s = 0; s < enc.specKeys.length; s++) {
    const runs = runsOf(s);
    const row = state.rowOf[s]!;
    if (row >= 0) {
      for (const i of runs) {
        const eta = theta[row]! + offset(i, b);
        total += enc.passed[i] ? -softplus(-eta) : -softplus(eta);
      }
      continue;
    }
    const Y = runs.reduce((a, i) => a + enc.passed[i]!, 0);
    if (Y === 0 || Y === runs.length) continue;
    let denom = 0;
    let observed = 0;
    for (let mask = 0; mask < 1 << runs.length; mask++) {
      let ones = 0;
      let lin = 0;
      runs.forEach((i, t) => {
        if (mask & (1 << t)) {
          ones++;
          lin += offset(i, b);
        }
      });
      if (ones !== Y) continue;
      denom += Math.exp(lin);
      if (runs.every((i, t) => enc.passed[i] === ((mask >> t) & 1))) observed = Math.exp(lin);
    }
    total += Math.log(observed / denom);
  }
  for (let r = 0; r < R; r++) total -= 0.5 * state.penalties.spec * theta[r]! ** 2;
  for (let k = 0; k < K; k++) total -= 0.5 * state.penalties.columns[k]! * b[k]! ** 2;
  return total;
}

const theta = Float64Array.from([...rows.map((s) => state.params.u[s]!), ...state.params.b]);

/** Negative Hessian of the objective by central second differences. */
function numericHessian(): Float64Array {
  const h = new Float64Array(P * P);
  const d = 1e-4;
  const at = (di: number, dj: number, i: number, j: number) => {
    const t = theta.slice();
    t[i] = t[i]! + di;
    t[j] = t[j]! + dj;
    return objective(t);
  };
  for (let i = 0; i < P; i++) {
    for (let j = 0; j <= i; j++) {
      const v = -(at(d, d, i, j) - at(d, -d, i, j) - at(-d, d, i, j) + at(-d, -d, i, j)) / (4 * d * d);
      h[i * P + j] = v;
      h[j * P + i] = v;
    }
  }
  return h;
}

function denseFromFactor(f: BlockFactor): Float64Array {
  const l = new Float64Array(P * P);
  for (let r = 0; r < R; r++) {
    l[r * P + r] = f.lu[r]!;
    for (let k = 0; k < K; k++) l[(R + k) * P + r] = f.lbu[r * K + k]!;
  }
  for (let k = 0; k < K; k++) for (let c = 0; c <= k; c++) l[(R + k) * P + R + c] = f.lbb[k * K + c]!;
  const h = new Float64Array(P * P);
  for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) for (let k = 0; k < P; k++) h[i * P + j] = h[i * P + j]! + l[i * P + k]! * l[j * P + k]!;
  return h;
}

describe('the block Cholesky factor of the within-spec fit', () => {
  const h = numericHessian();

  it('has both kinds of spec', () => {
    expect(R).toBe(3);
    expect(state.converged).toBe(true);
  });
  it('is the factor of the penalised Hessian at the optimum (profiled and conditional specs together)', () => {
    const fromFactor = denseFromFactor(state.factor);
    for (let i = 0; i < P * P; i++) expect(fromFactor[i]).toBeCloseTo(h[i]!, 4);
  });
  it('solves H x = r for all parameters at once', () => {
    const ru = Float64Array.from({ length: R }, (_, r) => r - 1);
    const rb = Float64Array.from({ length: K }, (_, k) => 0.5 * k);
    const xu = new Float64Array(R);
    const xb = new Float64Array(K);
    solveBlock(state.factor, ru, rb, xu, xb);
    const x = [...xu, ...xb];
    const f = denseFromFactor(state.factor);
    [...ru, ...rb].forEach((ri, i) => expect(x.reduce((sum, xj, j) => sum + f[i * P + j]! * xj, 0)).toBeCloseTo(ri, 8));
  });
  it('takes a rank-one update for one more run', () => {
    const f: BlockFactor = structuredClone(state.factor);
    const c = 0.21;
    addRunCurvature(f, 1, [0, 3], c, new Float64Array(K));
    const before = denseFromFactor(state.factor);
    const x = new Float64Array(P);
    for (const j of [1, R, R + 3]) x[j] = 1;
    const updated = denseFromFactor(f);
    for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) expect(updated[i * P + j]).toBeCloseTo(before[i * P + j]! + c * x[i]! * x[j]!, 8);
  });
  it('has the marginal variances of b on the diagonal of the inverse Hessian', () => {
    const l = h.slice();
    choleskyInPlace(l, P);
    adjustedEstimates(state).forEach((e) => {
      const col = new Float64Array(P);
      col[R + e.index] = 1;
      solveLower(l, P, col);
      solveLowerTransposed(l, P, col);
      expect(e.se / Math.sqrt(col[R + e.index]!)).toBeCloseTo(1, 4);
    });
  });
});

describe('average marginal effects', () => {
  it('match the exact mean over runs, each spec intercept integrated over its posterior (3-point rule)', () => {
    const { mean, variance } = state.intercepts;
    const node = Math.sqrt(3);
    const expectSigma = (m: number, v: number) => (2 / 3) * sigma(m) + (1 / 6) * (sigma(m - node * Math.sqrt(v)) + sigma(m + node * Math.sqrt(v)));
    for (const e of adjustedEstimates(state)) {
      const k = e.index;
      const b = state.params.b;
      let sum = 0;
      for (let i = 0; i < enc.n; i++) {
        let has = false;
        for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) has ||= enc.nudgeIdx[j] === k;
        const s = enc.spec[i]!;
        const v = variance[s]! > 1e-4 ? variance[s]! : 0;
        const eta0 = mean[s]! + offset(i, b) - (has ? b[k]! : 0);
        sum += expectSigma(eta0 + b[k]!, v) - expectSigma(eta0, v);
      }
      const fe = (100 * sum) / enc.n;
      // The histogram shortcut (marginal.ts) errs by far less than the 0.01 pp it is bounded by.
      expect(Math.abs(100 * state.ame.value[3 * k]! - fe)).toBeLessThan(2e-3);
    }
  });
});
