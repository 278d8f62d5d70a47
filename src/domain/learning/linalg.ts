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
