import { describe, expect, it } from 'vitest';
import { columnsAt, runsBySpec } from '../../../../src/domain/learning/bySpec';
import { accumulateCurvature, bandBounds } from '../../../../src/domain/learning/curvature';
import type { EncodedRuns } from '../../../../src/domain/learning/encode';
import { solveBlock } from '../../../../src/domain/learning/blockSolve';
import { emptyFactor, factorInPlace, type Penalties } from '../../../../src/domain/learning/laplace';
import { mulberry32 } from '../../../../src/domain/random';

/**
 * Random evidence with a mix of specs: a few with many runs (dense rows of the spec-nudge
 * block, taken by the tiled path of factorInPlace) and many with one or two runs (sparse rows).
 */
function evidence(seed: number, K: number): EncodedRuns {
  const rng = mulberry32(seed);
  const spec: number[] = [];
  const offsets = [0];
  const nudgeIdx: number[] = [];
  const passed: number[] = [];
  const add = (s: number): void => {
    const row = [...new Set(Array.from({ length: 1 + Math.floor(rng() * 6) }, () => Math.floor(rng() * K)))].sort((a, b) => a - b);
    spec.push(s);
    nudgeIdx.push(...row);
    offsets.push(nudgeIdx.length);
    passed.push(rng() < 0.5 ? 1 : 0);
  };
  for (let s = 0; s < 3; s++) for (let r = 0; r < 60; r++) add(s);
  for (let s = 3; s < 23; s++) for (let r = 0; r <= s % 2; r++) add(s);
  const n = spec.length;
  return {
    n,
    passed: Uint8Array.from(passed),
    spec: Int32Array.from(spec),
    offsets: Int32Array.from(offsets),
    nudgeIdx: Int32Array.from(nudgeIdx),
    weight: Float32Array.from({ length: n }, () => (rng() < 0.2 ? 0.5 : 1)),
    nudgeKeys: Array.from({ length: K }, (_, k) => `n${k}`),
    specKeys: Array.from({ length: 23 }, (_, s) => `s${s}`),
  };
}

const K = 17;
const enc = evidence(11, K);
const S = enc.specKeys.length;
const rng = mulberry32(5);
const v = Float64Array.from({ length: enc.n }, () => 0.05 + 0.2 * rng());
/** Every spec has an intercept row here (rows in spec order). */
const rowOf = Int32Array.from({ length: S }, (_, s) => s);

/** The sums by their definition, one run at a time. */
function bruteForce(stride: number): { vu: Float64Array; C: Float64Array; H: Float64Array } {
  const vu = new Float64Array(S);
  const C = new Float64Array(S * K);
  const H = new Float64Array(K * K);
  for (let i = 0; i < enc.n; i += stride) {
    const s = enc.spec[i]!;
    vu[s] = vu[s]! + stride * v[i]!;
    for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) {
      const k = enc.nudgeIdx[j]!;
      C[s * K + k] = C[s * K + k]! + stride * v[i]!;
      for (let jj = enc.offsets[i]!; jj < enc.offsets[i + 1]!; jj++) {
        const kk = enc.nudgeIdx[jj]!;
        if (kk <= k) H[k * K + kk] = H[k * K + kk]! + stride * v[i]!;
      }
    }
  }
  return { vu, C, H };
}

describe('curvature sums', () => {
  it('splits the lower triangle into bands of about equal area', () => {
    const bounds = bandBounds(1000, 1 << 16);
    expect(bounds[0]).toBe(0);
    expect(bounds.at(-1)).toBe(1000);
    const areas = bounds.slice(1).map((b, t) => (b * (b + 1) - bounds[t]! * (bounds[t]! + 1)) / 2);
    expect(areas.length).toBe(8);
    for (const a of areas) expect(a).toBeLessThanOrEqual((1 << 16) * 1.01);
    expect(bandBounds(1000, Infinity)).toEqual([0, 1000]);
  });

  for (const stride of [1, 3]) {
    for (const bandDoubles of [Infinity, 20]) {
      it(`match the definition (stride ${stride}, ${bandDoubles === Infinity ? 'one band' : 'bands of 20 entries'})`, () => {
        const f = emptyFactor(S, K);
        const vu = new Float64Array(S);
        accumulateCurvature(enc, v, stride, f, vu, rowOf, bandDoubles);
        const ref = bruteForce(stride);
        for (let s = 0; s < S; s++) expect(vu[s]).toBeCloseTo(ref.vu[s]!, 12);
        for (let i = 0; i < S * K; i++) expect(f.lbu[i]).toBeCloseTo(ref.C[i]!, 12);
        for (let a = 0; a < K; a++) for (let c = 0; c <= a; c++) expect(f.lbb[a * K + c]).toBeCloseTo(ref.H[a * K + c]!, 12);
      });
    }
  }
});

describe('the spec x column block from the runs in spec order', () => {
  for (const stride of [1, 3]) {
    it(`equals the banded sweeps bit for bit (stride ${stride})`, () => {
      const banded = emptyFactor(S, K);
      accumulateCurvature(enc, v, stride, banded, new Float64Array(S), rowOf, 20);
      const runs = runsBySpec(enc);
      // Every run of a spec, in storage order, with its own columns.
      for (let s = 0; s < S; s++) {
        const mine = Array.from({ length: enc.n }, (_, i) => i).filter((i) => enc.spec[i] === s);
        expect(Array.from(runs.run.subarray(runs.start[s], runs.start[s + 1]))).toEqual(mine);
      }
      for (let x = 0; x < runs.run.length; x++) {
        const i = runs.run[x]!;
        expect(runs.position[i]).toBe(x);
        expect(columnsAt(runs, x)).toEqual(Array.from(enc.nudgeIdx.subarray(enc.offsets[i], enc.offsets[i + 1])));
      }
      const f = emptyFactor(S, K);
      accumulateCurvature(enc, v, stride, f, new Float64Array(S), rowOf, 20, { runs, v: new Float64Array(runs.run.length) });
      expect(Array.from(f.lbu)).toEqual(Array.from(banded.lbu));
      expect(Array.from(f.lbb)).toEqual(Array.from(banded.lbb));
    });
  }
});

describe('factorInPlace with dense and sparse spec rows', () => {
  for (const preconditionerOnly of [false, true]) {
  it(preconditionerOnly ? 'as a preconditioner, factors H + C^T D^-1 C (the Schur complement left out)' : 'factors the penalised Hessian: solving H x = r gives back r', () => {
    const pen: Penalties = { spec: 0.25, columns: Float64Array.from({ length: K }, (_, k) => 1 + k / K) };
    const f = emptyFactor(S, K);
    const vu = new Float64Array(S);
    accumulateCurvature(enc, v, 1, f, vu, rowOf);
    const ref = bruteForce(1);
    factorInPlace(f, vu, pen, preconditionerOnly);
    // H in the order [u_1..u_S, b_1..b_K], from the sums.
    const P = S + K;
    const h = new Float64Array(P * P);
    const put = (a: number, b: number, x: number): void => {
      h[a * P + b] = h[a * P + b]! + x;
      if (a !== b) h[b * P + a] = h[b * P + a]! + x;
    };
    for (let s = 0; s < S; s++) {
      put(s, s, ref.vu[s]! + pen.spec);
      for (let k = 0; k < K; k++) put(S + k, s, ref.C[s * K + k]!);
    }
    for (let a = 0; a < K; a++) {
      for (let c = 0; c <= a; c++) {
        let extra = 0;
        if (preconditionerOnly) for (let t = 0; t < S; t++) extra += (ref.C[t * K + a]! * ref.C[t * K + c]!) / (ref.vu[t]! + pen.spec);
        put(S + a, S + c, ref.H[a * K + c]! + extra);
      }
      put(S + a, S + a, pen.columns[a]!);
    }
    const ru = Float64Array.from({ length: S }, (_, s) => Math.sin(s));
    const rb = Float64Array.from({ length: K }, (_, k) => Math.cos(k));
    const xu = new Float64Array(S);
    const xb = new Float64Array(K);
    solveBlock(f, ru, rb, xu, xb);
    const x = [...xu, ...xb];
    const r = [...ru, ...rb];
    for (let a = 0; a < P; a++) expect(x.reduce((sum, xj, j) => sum + h[a * P + j]! * xj, 0)).toBeCloseTo(r[a]!, 9);
  });
  }
});


describe('the nudge block, rows four at a time', () => {
  /** Runs with 0-25 columns each (so that the four-row groups, their remainders and empty runs all occur). */
  function longRuns(seed: number, K: number, n: number): { e: EncodedRuns; v: Float64Array } {
    const r = mulberry32(seed);
    const offsets = [0];
    const nudgeIdx: number[] = [];
    for (let i = 0; i < n; i++) {
      const row = [...new Set(Array.from({ length: Math.floor(r() * 26) }, () => Math.floor(r() * K)))].sort((a, b) => a - b);
      nudgeIdx.push(...row);
      offsets.push(nudgeIdx.length);
    }
    const e: EncodedRuns = {
      n,
      passed: new Uint8Array(n),
      spec: new Int32Array(n),
      offsets: Int32Array.from(offsets),
      nudgeIdx: Int32Array.from(nudgeIdx),
      weight: new Float32Array(n).fill(1),
      nudgeKeys: Array.from({ length: K }, (_, k) => `n${k}`),
      specKeys: ['s'],
    };
    // Some weights exactly 0 (runs the kernel skips), the rest irregular.
    return { e, v: Float64Array.from({ length: n }, () => (r() < 0.1 ? 0 : r())) };
  }
  for (const seed of [1, 2, 3]) {
    for (const band of [Infinity, 1 << 20, 40, 7]) {
      for (const stride of [1, 2]) {
        it(`adds the same sums in the same order as run by run, pair by pair (seed ${seed}, band ${band}, stride ${stride})`, () => {
          const K = 30 + seed * 7;
          const { e, v } = longRuns(seed, K, 400);
          const f = emptyFactor(1, K);
          accumulateCurvature(e, v, stride, f, new Float64Array(1), new Int32Array(1).fill(-1), band);
          const H = new Float64Array(K * K);
          for (let i = 0; i < e.n; i += stride) {
            for (let j = e.offsets[i]!; j < e.offsets[i + 1]!; j++) {
              const k = e.nudgeIdx[j]!;
              for (let jj = e.offsets[i]!; jj <= j; jj++) H[k * K + e.nudgeIdx[jj]!] = H[k * K + e.nudgeIdx[jj]!]! + stride * v[i]!;
            }
          }
          let first = -1;
          for (let x = 0; x < K * K && first < 0; x++) if (!Object.is(f.lbb[x], H[x])) first = x;
          expect(first, `seed ${seed}: first entry that differs`).toBe(-1);
        });
      }
    }
  }
});
