import { DomainError } from '../errors';

/**
 * Dense symmetric positive-definite algebra on row-major Float64Arrays (n x n), lower
 * triangle. Every loop walks rows, which are contiguous, so a 1000 x 1000 factor streams
 * through the cache instead of striding 8 KB per step; dot products keep four partial sums
 * and the rank-one update advances two rows at once, because a single running sum is one
 * long chain of dependent additions that leaves the CPU waiting on each one.
 */

export class NotPositiveDefiniteError extends DomainError {
  constructor(message: string) {
    super(message, 'NotPositiveDefiniteError');
  }
}

/** sum_k a[ao + k] * b[bo + k] for k < len. */
function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
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

/** In place: the lower triangle of `a` becomes L with L L^T = A; the upper triangle is zeroed. */
export function choleskyInPlace(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      const s = a[ri + j]! - dot(a, ri, a, rj, j);
      if (i === j) {
        if (!(s > 0)) throw new NotPositiveDefiniteError(`matrix is not positive definite at pivot ${i} (${s})`);
        a[ri + i] = Math.sqrt(s);
      } else {
        a[ri + j] = s / a[rj + j]!;
      }
    }
    for (let j = i + 1; j < n; j++) a[ri + j] = 0;
  }
}

/** In place: x <- L^{-1} x. */
export function solveLower(l: Float64Array, n: number, x: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    x[i] = (x[i]! - dot(l, ri, x, 0, i)) / l[ri + i]!;
  }
}

/** In place: x <- L^{-T} x (column sweeps written as row reads). */
export function solveLowerTransposed(l: Float64Array, n: number, x: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const xi = x[i]! / l[ri + i]!;
    x[i] = xi;
    if (xi !== 0) for (let k = 0; k < i; k++) x[k] = x[k]! - l[ri + k]! * xi;
  }
}

/**
 * diag((L L^T)^{-1}) into `out`: entry k is the squared norm of column k of L^{-1}, found by
 * forward substitution from row k (n^3 / 6 multiply-adds, O(n) extra memory).
 */
export function diagonalOfInverse(l: Float64Array, n: number, out: Float64Array): void {
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sumSq = 0;
    for (let i = k; i < n; i++) {
      const ri = i * n;
      const xi = ((i === k ? 1 : 0) - dot(l, ri + k, x, k, i - k)) / l[ri + i]!;
      x[i] = xi;
      sumSq += xi * xi;
    }
    out[k] = sumSq;
  }
}

/**
 * In place: L becomes the factor of L L^T + v v^T (v is overwritten). Row-oriented form of
 * the classic rotation update: row i applies the rotations (c_k, s_k) of the earlier columns,
 * which are known by then. O(n^2); rows before v's first non-zero are untouched.
 */
export function choleskyRankOneUpdate(l: Float64Array, n: number, v: Float64Array): void {
  let first = 0;
  while (first < n && v[first] === 0) first++;
  if (first === n) return;
  const c = new Float64Array(n);
  const s = new Float64Array(n);
  const ic = new Float64Array(n);
  const finish = (i: number, xi: number): void => {
    const d = l[i * n + i]!;
    const r = Math.hypot(d, xi);
    c[i] = r / d;
    s[i] = xi / d;
    ic[i] = d / r;
    l[i * n + i] = r;
  };
  let i = first;
  for (; i + 1 < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    let x0 = v[i]!;
    let x1 = v[i + 1]!;
    for (let k = first; k < i; k++) {
      const sk = s[k]!;
      const ck = c[k]!;
      const ik = ic[k]!;
      const a0 = (l[r0 + k]! + sk * x0) * ik;
      const a1 = (l[r1 + k]! + sk * x1) * ik;
      x0 = ck * x0 - sk * a0;
      x1 = ck * x1 - sk * a1;
      l[r0 + k] = a0;
      l[r1 + k] = a1;
    }
    finish(i, x0);
    const a1 = (l[r1 + i]! + s[i]! * x1) * ic[i]!;
    x1 = c[i]! * x1 - s[i]! * a1;
    l[r1 + i] = a1;
    finish(i + 1, x1);
    v[i] = x0;
    v[i + 1] = x1;
  }
  if (i < n) {
    const r0 = i * n;
    let x0 = v[i]!;
    for (let k = first; k < i; k++) {
      const a0 = (l[r0 + k]! + s[k]! * x0) * ic[k]!;
      x0 = c[k]! * x0 - s[k]! * a0;
      l[r0 + k] = a0;
    }
    finish(i, x0);
    v[i] = x0;
  }
}
