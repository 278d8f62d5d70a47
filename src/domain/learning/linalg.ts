import { NotPositiveDefiniteError } from './errors';
export { NotPositiveDefiniteError };

/**
 * Dense symmetric positive-definite algebra on row-major Float64Arrays (n x n), lower
 * triangle. Every loop walks rows, which are contiguous, so a 1000 x 1000 factor streams
 * through the cache instead of striding 8 KB per step; dot products keep four partial sums
 * and the rank-one update advances two rows at once, because a single running sum is one
 * long chain of dependent additions that leaves the CPU waiting on each one.
 */

/** sum_k a[ao + k] * b[bo + k] for k < len. */
export function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
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

function pivot(s: number, i: number): number {
  if (!(s > 0)) throw new NotPositiveDefiniteError(`matrix is not positive definite at pivot ${i} (${s})`);
  return Math.sqrt(s);
}

/**
 * In place: the lower triangle of `a` becomes L with L L^T = A; the upper triangle is zeroed.
 * Rows are taken two at a time and, left of the diagonal, columns too (rows i, i + 1 are even
 * and odd, so columns j, j + 1 < i pair up exactly): each value loaded serves two of the four
 * sums, half the loads of a row pair against one column, which is what bounded the loop
 * (measured at n = 1,000: 101-151 ms -> 76-125 ms). Every entry is the same sum as row by row:
 * two partial sums over even and odd k (the last k of an odd count in the even one), added.
 */
export function choleskyInPlace(a: Float64Array, n: number): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const ri = i * n;
    const rk = ri + n;
    for (let j = 0; j < i; j += 2) {
      const rj = j * n;
      const rl = rj + n;
      // Rows i, i + 1 (x, y) against rows j, j + 1 (p, q), over k < j (j is even).
      let xp0 = 0;
      let xp1 = 0;
      let yp0 = 0;
      let yp1 = 0;
      let xq0 = 0;
      let xq1 = 0;
      let yq0 = 0;
      let yq1 = 0;
      for (let k = 0; k < j; k += 2) {
        const x0 = a[ri + k]!;
        const x1 = a[ri + k + 1]!;
        const y0 = a[rk + k]!;
        const y1 = a[rk + k + 1]!;
        const p0 = a[rj + k]!;
        const p1 = a[rj + k + 1]!;
        const q0 = a[rl + k]!;
        const q1 = a[rl + k + 1]!;
        xp0 += x0 * p0;
        xp1 += x1 * p1;
        yp0 += y0 * p0;
        yp1 += y1 * p1;
        xq0 += x0 * q0;
        xq1 += x1 * q1;
        yq0 += y0 * q0;
        yq1 += y1 * q1;
      }
      const dj = a[rj + j]!;
      const xj = (a[ri + j]! - (xp0 + xp1)) / dj;
      const yj = (a[rk + j]! - (yp0 + yp1)) / dj;
      a[ri + j] = xj;
      a[rk + j] = yj;
      // Column j + 1 also sums k = j (an odd count: into the even sum), now that it is known.
      const qj = a[rl + j]!;
      xq0 += xj * qj;
      yq0 += yj * qj;
      const dl = a[rl + j + 1]!;
      a[ri + j + 1] = (a[ri + j + 1]! - (xq0 + xq1)) / dl;
      a[rk + j + 1] = (a[rk + j + 1]! - (yq0 + yq1)) / dl;
    }
    a[ri + i] = pivot(a[ri + i]! - dot(a, ri, a, ri, i), i);
    a[rk + i] = (a[rk + i]! - dot(a, rk, a, ri, i)) / a[ri + i]!;
    a[rk + i + 1] = pivot(a[rk + i + 1]! - dot(a, rk, a, rk, i + 1), i + 1);
    for (let j = i + 1; j < n; j++) a[ri + j] = 0;
    for (let j = i + 2; j < n; j++) a[rk + j] = 0;
  }
  if (i < n) {
    const ri = i * n;
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      a[ri + j] = (a[ri + j]! - dot(a, ri, a, rj, j)) / a[rj + j]!;
    }
    a[ri + i] = pivot(a[ri + i]! - dot(a, ri, a, ri, i), i);
  }
}

/** In place: x <- L^{-1} x. */
export function solveLower(l: Float64Array, n: number, x: Float64Array): void {
  // Two rows at a time: both dot products read the solved part of x once.
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const ri = i * n;
    const rk = ri + n;
    let a0 = 0;
    let a1 = 0;
    let b0 = 0;
    let b1 = 0;
    let k = 0;
    for (; k + 1 < i; k += 2) {
      const x0 = x[k]!;
      const x1 = x[k + 1]!;
      a0 += l[ri + k]! * x0;
      a1 += l[ri + k + 1]! * x1;
      b0 += l[rk + k]! * x0;
      b1 += l[rk + k + 1]! * x1;
    }
    if (k < i) {
      a0 += l[ri + k]! * x[k]!;
      b0 += l[rk + k]! * x[k]!;
    }
    const xi = (x[i]! - (a0 + a1)) / l[ri + i]!;
    x[i] = xi;
    x[i + 1] = (x[i + 1]! - (b0 + b1) - l[rk + i]! * xi) / l[rk + i + 1]!;
  }
  if (i < n) {
    const ri = i * n;
    x[i] = (x[i]! - dot(l, ri, x, 0, i)) / l[ri + i]!;
  }
}

/** In place: x <- L^{-T} x (column sweeps written as row reads, two rows at a time). */
export function solveLowerTransposed(l: Float64Array, n: number, x: Float64Array): void {
  let i = n - 1;
  for (; i >= 1; i -= 2) {
    const ri = i * n;
    const rh = ri - n;
    const xi = x[i]! / l[ri + i]!;
    x[i] = xi;
    const xh = (x[i - 1]! - l[ri + i - 1]! * xi) / l[rh + i - 1]!;
    x[i - 1] = xh;
    if (xi === 0 && xh === 0) continue;
    for (let k = 0; k < i - 1; k++) x[k] = x[k]! - l[ri + k]! * xi - l[rh + k]! * xh;
  }
  if (i === 0) x[0] = x[0]! / l[0]!;
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
