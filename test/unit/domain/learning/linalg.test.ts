import { describe, expect, it } from 'vitest';
import {
  choleskyInPlace,
  choleskyRankOneUpdate,
  NotPositiveDefiniteError,
  solveLower,
  solveLowerTransposed,
} from '../../../../src/domain/learning/linalg';
import { diagonalOfInverse, inverseFromCholesky } from '../../../../src/domain/learning/choleskyInverse';
import { mulberry32 } from '../../../../src/domain/random';

function randomSpd(n: number, seed: number): Float64Array {
  const r = mulberry32(seed);
  const m = Float64Array.from({ length: n * n }, () => r() - 0.5);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += m[i * n + k]! * m[j * n + k]!;
      a[i * n + j] = s;
    }
  return a;
}

function matVec(a: Float64Array, n: number, x: Float64Array): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j]! * x[j]!;
    return s;
  });
}

// Even and odd sizes: the factor and the inverse's diagonal take rows and columns in pairs.
describe.each([1, 2, 6, 7, 10])('dense Cholesky algebra (n = %i)', (n) => {
  const a = randomSpd(n, 11);
  const l = a.slice();
  choleskyInPlace(l, n);

  it('factors A = L L^T with a lower factor', () => {
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += l[i * n + k]! * l[j * n + k]!;
        expect(s).toBeCloseTo(a[i * n + j]!, 10);
        if (j > i) expect(l[i * n + j]).toBe(0);
      }
  });
  it('solves A x = b by two triangular solves', () => {
    const b = Float64Array.from({ length: n }, (_, i) => i - 2);
    const x = b.slice();
    solveLower(l, n, x);
    solveLowerTransposed(l, n, x);
    matVec(a, n, x).forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 10));
  });
  it('finds the diagonal of the inverse', () => {
    const d = new Float64Array(n);
    diagonalOfInverse(l, n, d);
    for (let k = 0; k < n; k++) {
      const e = new Float64Array(n);
      e[k] = 1;
      solveLower(l, n, e);
      solveLowerTransposed(l, n, e);
      expect(d[k]).toBeCloseTo(e[k]!, 12);
    }
  });
  it('updates the factor by a rank-one term', () => {
    const v = Float64Array.from({ length: n }, (_, i) => [0, 0, 0.5, -1, 0, 2, 0.3][i % 7]! + (i === 0 && n < 3 ? 1 : 0));
    const direct = a.slice();
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) direct[i * n + j] = direct[i * n + j]! + v[i]! * v[j]!;
    choleskyInPlace(direct, n);
    const updated = l.slice();
    choleskyRankOneUpdate(updated, n, v.slice());
    for (let i = 0; i < n * n; i++) expect(updated[i]).toBeCloseTo(direct[i]!, 10);
  });
  it('refuses a matrix that is not positive definite', () => {
    const bad = Float64Array.from([1, 2, 2, 1]);
    expect(() => choleskyInPlace(bad, 2)).toThrow(NotPositiveDefiniteError);
  });
});

describe('the inverse from the factor, in one array', () => {
  /** The two-array form it replaced: G apart, each entry the same dot product (four partial sums). */
  function twoArrays(l: Float64Array, n: number): Float64Array {
    const g = new Float64Array(n * n);
    diagonalOfInverse(l, n, new Float64Array(n), g);
    const out = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b <= a; b++) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        const len = n - a;
        let k = 0;
        for (; k + 3 < len; k += 4) {
          s0 += g[a * n + a + k]! * g[b * n + a + k]!;
          s1 += g[a * n + a + k + 1]! * g[b * n + a + k + 1]!;
          s2 += g[a * n + a + k + 2]! * g[b * n + a + k + 2]!;
          s3 += g[a * n + a + k + 3]! * g[b * n + a + k + 3]!;
        }
        for (; k < len; k++) s0 += g[a * n + a + k]! * g[b * n + a + k]!;
        out[a * n + b] = s0 + s1 + (s2 + s3);
        out[b * n + a] = s0 + s1 + (s2 + s3);
      }
    }
    return out;
  }
  for (const n of [1, 2, 5, 63, 64, 65, 130]) {
    for (const seed of [3, 4]) {
      it(`equals the two-array form bit for bit (n ${n}, seed ${seed})`, () => {
        const l = randomSpd(n, seed);
        choleskyInPlace(l, n);
        const mine = inverseFromCholesky(l, n);
        const ref = twoArrays(l, n);
        let first = -1;
        for (let i = 0; i < n * n && first < 0; i++) if (!Object.is(mine[i], ref[i])) first = i;
        expect(first, `seed ${seed}, n ${n}: first entry that differs`).toBe(-1);
      });
    }
  }
});

describe('the factor, columns in pairs', () => {
  // The row-pair form it replaced (each row pair against one earlier row at a time): the
  // reference the two-by-two tiles must match bit for bit.
  function refDot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k + 3 < len; k += 4) {
      s0 += a[ao + k]! * b[bo + k]!;
      s1 += a[ao + k + 1]! * b[bo + k + 1]!;
      s2 += a[ao + k + 2]! * b[bo + k + 2]!;
      s3 += a[ao + k + 3]! * b[bo + k + 3]!;
    }
    for (; k < len; k++) s0 += a[ao + k]! * b[bo + k]!;
    return s0 + s1 + (s2 + s3);
  }
  function refDot2(a: Float64Array, ao: number, co: number, bo: number, len: number, pair: Float64Array): void {
    let s0 = 0;
    let s1 = 0;
    let t0 = 0;
    let t1 = 0;
    let k = 0;
    for (; k + 1 < len; k += 2) {
      const b0 = a[bo + k]!;
      const b1 = a[bo + k + 1]!;
      s0 += a[ao + k]! * b0;
      s1 += a[ao + k + 1]! * b1;
      t0 += a[co + k]! * b0;
      t1 += a[co + k + 1]! * b1;
    }
    if (k < len) {
      s0 += a[ao + k]! * a[bo + k]!;
      t0 += a[co + k]! * a[bo + k]!;
    }
    pair[0] = s0 + s1;
    pair[1] = t0 + t1;
  }
  function refPivot(s: number, i: number): number {
    if (!(s > 0)) throw new NotPositiveDefiniteError(`matrix is not positive definite at pivot ${i} (${s})`);
    return Math.sqrt(s);
  }
  function referenceCholeskyInPlace(a: Float64Array, n: number): void {
    const pair = new Float64Array(2);
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const ri = i * n;
      const rk = ri + n;
      for (let j = 0; j < i; j++) {
        const rj = j * n;
        refDot2(a, ri, rk, rj, j, pair);
        const d = a[rj + j]!;
        a[ri + j] = (a[ri + j]! - pair[0]!) / d;
        a[rk + j] = (a[rk + j]! - pair[1]!) / d;
      }
      a[ri + i] = refPivot(a[ri + i]! - refDot(a, ri, a, ri, i), i);
      a[rk + i] = (a[rk + i]! - refDot(a, rk, a, ri, i)) / a[ri + i]!;
      a[rk + i + 1] = refPivot(a[rk + i + 1]! - refDot(a, rk, a, rk, i + 1), i + 1);
      for (let j = i + 1; j < n; j++) a[ri + j] = 0;
      for (let j = i + 2; j < n; j++) a[rk + j] = 0;
    }
    if (i < n) {
      const ri = i * n;
      for (let j = 0; j < i; j++) {
        const rj = j * n;
        a[ri + j] = (a[ri + j]! - refDot(a, ri, a, rj, j)) / a[rj + j]!;
      }
      a[ri + i] = refPivot(a[ri + i]! - refDot(a, ri, a, ri, i), i);
    }
  }

  for (const n of [1, 2, 3, 4, 5, 8, 33, 64, 101]) {
    for (const seed of [5, 6]) {
      it(`equals the row-pair form bit for bit (n ${n}, seed ${seed})`, () => {
        const a = randomSpd(n, seed);
        const mine = a.slice();
        const ref = a.slice();
        choleskyInPlace(mine, n);
        referenceCholeskyInPlace(ref, n);
        let first = -1;
        for (let i = 0; i < n * n && first < 0; i++) if (!Object.is(mine[i], ref[i])) first = i;
        expect(first, `seed ${seed}, n ${n}: first entry that differs`).toBe(-1);
      });
    }
  }
});

describe('the diagonal of the inverse, columns four at a time', () => {
  // The pair-by-pair form it replaced, the reference it must match bit for bit.
  function pairByPair(l: Float64Array, n: number, out: Float64Array, columns?: Float64Array): void {
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let k = 0;
    for (; k + 1 < n; k += 2) {
      // x: column k of L^{-1} (zero above row k); y: column k + 1 (zero above row k + 1).
      const k1 = k + 1;
      x[k] = 1 / l[k * n + k]!;
      x[k1] = -(l[k1 * n + k]! * x[k]!) / l[k1 * n + k1]!;
      y[k1] = 1 / l[k1 * n + k1]!;
      let sx = x[k]! * x[k]! + x[k1]! * x[k1]!;
      let sy = y[k1]! * y[k1]!;
      for (let i = k + 2; i < n; i++) {
        const ri = i * n;
        let dx0 = l[ri + k]! * x[k]!;
        let dx1 = 0;
        let dy0 = 0;
        let dy1 = 0;
        let m = k1;
        for (; m + 1 < i; m += 2) {
          const l0 = l[ri + m]!;
          const l1 = l[ri + m + 1]!;
          dx0 += l0 * x[m]!;
          dx1 += l1 * x[m + 1]!;
          dy0 += l0 * y[m]!;
          dy1 += l1 * y[m + 1]!;
        }
        if (m < i) {
          dx0 += l[ri + m]! * x[m]!;
          dy0 += l[ri + m]! * y[m]!;
        }
        const d = l[ri + i]!;
        const xi = -(dx0 + dx1) / d;
        const yi = -(dy0 + dy1) / d;
        x[i] = xi;
        y[i] = yi;
        sx += xi * xi;
        sy += yi * yi;
      }
      out[k] = sx;
      out[k1] = sy;
      if (columns) {
        columns.set(x.subarray(k, n), k * n + k);
        columns.set(y.subarray(k1, n), k1 * n + k1);
      }
    }
    if (k < n) {
      out[k] = 1 / (l[k * n + k]! * l[k * n + k]!);
      if (columns) columns[k * n + k] = 1 / l[k * n + k]!;
    }
  }

  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 33, 64, 66, 67]) {
    for (const seed of [7, 8]) {
      it(`equals the pair-by-pair form bit for bit, with and without the columns (n ${n}, seed ${seed})`, () => {
        const l = randomSpd(n, seed);
        // Some exact zeros off the diagonal, so that signed zeros are compared too.
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if ((i * 7 + j * 3 + seed) % 5 === 0) l[i * n + j] = l[j * n + i] = 0;
        for (let i = 0; i < n; i++) l[i * n + i] = l[i * n + i]! + n;
        choleskyInPlace(l, n);
        const mine = new Float64Array(n);
        const ref = new Float64Array(n);
        const mineColumns = new Float64Array(n * n);
        const refColumns = new Float64Array(n * n);
        diagonalOfInverse(l, n, mine, mineColumns);
        pairByPair(l, n, ref, refColumns);
        const alone = new Float64Array(n);
        diagonalOfInverse(l, n, alone);
        const first = (a: Float64Array, b: Float64Array): number => a.findIndex((v, i) => !Object.is(v, b[i]));
        expect(first(mine, ref), `seed ${seed}, n ${n}: diagonal`).toBe(-1);
        expect(first(alone, ref), `seed ${seed}, n ${n}: diagonal without columns`).toBe(-1);
        expect(first(mineColumns, refColumns), `seed ${seed}, n ${n}: columns`).toBe(-1);
      });
    }
  }
});
