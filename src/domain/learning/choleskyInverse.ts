import { dot } from './linalg';

/**
 * Inverses from a Cholesky factor L of a precision (linalg.ts): the variances alone, or the
 * whole covariance kept for incremental updates. Kept apart from the factorisation because
 * each is unrolled for speed (register tiles) and together they were most of linalg.ts.
 */

/**
 * diag((L L^T)^{-1}) into `out`: entry k is the squared norm of column k of L^{-1}, found by
 * forward substitution from row k (n^3 / 6 multiply-adds, O(n) extra memory). Columns are
 * taken four at a time, as two pairs (k, k + 1) and (k + 2, k + 3): from row k + 4 on, all four
 * substitutions read the same stretch of each row of L, each value loaded serving four sums.
 * Each column's sums are the same, in the same order, as pair by pair (two partial sums over
 * alternate entries, from its pair's first column on), which the pairs' common parity allows.
 */
export function diagonalOfInverse(l: Float64Array, n: number, out: Float64Array, columns?: Float64Array): void {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  const w = new Float64Array(n);
  let k = 0;
  for (; k + 3 < n; k += 4) {
    // x, y: columns k, k + 1 of L^{-1}; z, w: columns k + 2, k + 3 (each zero above its column).
    const k1 = k + 1;
    const k2 = k + 2;
    const k3 = k + 3;
    x[k] = 1 / l[k * n + k]!;
    x[k1] = -(l[k1 * n + k]! * x[k]!) / l[k1 * n + k1]!;
    y[k1] = 1 / l[k1 * n + k1]!;
    let sx = x[k]! * x[k]! + x[k1]! * x[k1]!;
    let sy = y[k1]! * y[k1]!;
    z[k2] = 1 / l[k2 * n + k2]!;
    z[k3] = -(l[k3 * n + k2]! * z[k2]!) / l[k3 * n + k3]!;
    w[k3] = 1 / l[k3 * n + k3]!;
    let sz = z[k2]! * z[k2]! + z[k3]! * z[k3]!;
    let sw = w[k3]! * w[k3]!;
    // Rows k + 2, k + 3: the first pair alone.
    for (let i = k2; i <= k3; i++) {
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
    for (let i = k + 4; i < n; i++) {
      const ri = i * n;
      // The first pair's first step (entries k + 1, k + 2), then both pairs from k + 3 on.
      const a0 = l[ri + k1]!;
      const a1 = l[ri + k2]!;
      // (Sums that start at 0 start at 0 here too, which keeps the sign of a zero as before.)
      let dx0 = l[ri + k]! * x[k]!;
      let dx1 = 0;
      let dy0 = 0;
      let dy1 = 0;
      dx0 += a0 * x[k1]!;
      dx1 += a1 * x[k2]!;
      dy0 += a0 * y[k1]!;
      dy1 += a1 * y[k2]!;
      let dz0 = a1 * z[k2]!;
      let dz1 = 0;
      let dw0 = 0;
      let dw1 = 0;
      let m = k3;
      for (; m + 1 < i; m += 2) {
        const l0 = l[ri + m]!;
        const l1 = l[ri + m + 1]!;
        dx0 += l0 * x[m]!;
        dx1 += l1 * x[m + 1]!;
        dy0 += l0 * y[m]!;
        dy1 += l1 * y[m + 1]!;
        dz0 += l0 * z[m]!;
        dz1 += l1 * z[m + 1]!;
        dw0 += l0 * w[m]!;
        dw1 += l1 * w[m + 1]!;
      }
      if (m < i) {
        const l0 = l[ri + m]!;
        dx0 += l0 * x[m]!;
        dy0 += l0 * y[m]!;
        dz0 += l0 * z[m]!;
        dw0 += l0 * w[m]!;
      }
      const d = l[ri + i]!;
      const xi = -(dx0 + dx1) / d;
      const yi = -(dy0 + dy1) / d;
      const zi = -(dz0 + dz1) / d;
      const wi = -(dw0 + dw1) / d;
      x[i] = xi;
      y[i] = yi;
      z[i] = zi;
      w[i] = wi;
      sx += xi * xi;
      sy += yi * yi;
      sz += zi * zi;
      sw += wi * wi;
    }
    out[k] = sx;
    out[k1] = sy;
    out[k2] = sz;
    out[k3] = sw;
    if (columns) {
      columns.set(x.subarray(k, n), k * n + k);
      columns.set(y.subarray(k1, n), k1 * n + k1);
      columns.set(z.subarray(k2, n), k2 * n + k2);
      columns.set(w.subarray(k3, n), k3 * n + k3);
    }
  }
  if (k + 1 < n) {
    // A last pair (n = 4 q + 2 or 4 q + 3): rows k + 2 .. n - 1 are at most one.
    const k1 = k + 1;
    x[k] = 1 / l[k * n + k]!;
    x[k1] = -(l[k1 * n + k]! * x[k]!) / l[k1 * n + k1]!;
    y[k1] = 1 / l[k1 * n + k1]!;
    let sx = x[k]! * x[k]! + x[k1]! * x[k1]!;
    let sy = y[k1]! * y[k1]!;
    for (let i = k + 2; i < n; i++) {
      const ri = i * n;
      // i = k + 2: the sums are l[i][k] x[k] and l[i][k + 1] x[k + 1] (y: the second alone).
      let dx0 = l[ri + k]! * x[k]!;
      let dy0 = 0;
      dx0 += l[ri + k1]! * x[k1]!;
      dy0 += l[ri + k1]! * y[k1]!;
      const d = l[ri + i]!;
      const xi = -(dx0 + 0) / d;
      const yi = -(dy0 + 0) / d;
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
    k += 2;
  }
  if (k < n) {
    out[k] = 1 / (l[k * n + k]! * l[k * n + k]!);
    if (columns) columns[k * n + k] = 1 / l[k * n + k]!;
  }
}

/**
 * (L L^T)^{-1}, both triangles, row-major. Row k of G holds column k of L^{-1} (zero before
 * entry k; diagonalOfInverse writes it), so entry (a, b) is the dot product of rows a and b of
 * G from max(a, b) on: contiguous reads, n^3 / 3 multiply-adds in all. G is written into the
 * result's upper triangle (where its non-zeros are) and the entries into the lower triangle and
 * the diagonal, which no later product reads (they read columns >= their row); the upper is
 * then mirrored from the lower. One n x n array instead of two: fresh memory costs page faults
 * (~4 ms per MB where the benchmarks run; 8 MB at n = 1,000).
 */
export function inverseFromCholesky(l: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  diagonalOfInverse(l, n, new Float64Array(n), out);
  for (let a = 0; a < n; a++) {
    const ra = a * n;
    const ga = ra + a;
    const len = n - a;
    // b < a first: the diagonal (G's entry (a, a)) is still read by those products. Two at a
    // time, (a, b) and (a, b + 1), so that each value of row a read serves both (both sums
    // start at column a, so their four partial sums align as in dot).
    let b = 0;
    for (; b + 1 < a; b += 2) {
      const gb = b * n + a;
      const gc = gb + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      let k = 0;
      for (; k + 3 < len; k += 4) {
        const g0 = out[ga + k]!;
        const g1 = out[ga + k + 1]!;
        const g2 = out[ga + k + 2]!;
        const g3 = out[ga + k + 3]!;
        s0 += g0 * out[gb + k]!;
        s1 += g1 * out[gb + k + 1]!;
        s2 += g2 * out[gb + k + 2]!;
        s3 += g3 * out[gb + k + 3]!;
        t0 += g0 * out[gc + k]!;
        t1 += g1 * out[gc + k + 1]!;
        t2 += g2 * out[gc + k + 2]!;
        t3 += g3 * out[gc + k + 3]!;
      }
      for (; k < len; k++) {
        const g0 = out[ga + k]!;
        s0 += g0 * out[gb + k]!;
        t0 += g0 * out[gc + k]!;
      }
      out[ra + b] = s0 + s1 + (s2 + s3);
      out[ra + b + 1] = t0 + t1 + (t2 + t3);
    }
    for (; b < a; b++) out[ra + b] = dot(out, ga, out, b * n + a, len);
    out[ra + a] = dot(out, ga, out, ga, len);
  }
  // The mirror in 64 x 64 tiles, so that the strided side stays in cache.
  for (let a0 = 0; a0 < n; a0 += 64) {
    for (let b0 = 0; b0 <= a0; b0 += 64) {
      for (let a = a0; a < Math.min(n, a0 + 64); a++) {
        for (let b = b0; b < Math.min(a, b0 + 64); b++) out[b * n + a] = out[a * n + b]!;
      }
    }
  }
  return out;
}
