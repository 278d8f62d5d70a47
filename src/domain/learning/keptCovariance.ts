import { choleskyInPlace } from './linalg';
import { inverseFromCholesky } from './choleskyInverse';
import { subtractGram } from './schurDense';

/**
 * b's posterior covariance kept dense for incremental updates (adjustedUpdate.ts), in product
 * form: Sigma = base - sum_j beta_j w_j w_j^T over the m runs added since the last flush.
 *
 * Why: a run of a profiled spec changes b's marginal precision by a rank-one term (see
 * adjustedUpdate.ts), so Sigma changes by a rank-one term too (Sherman-Morrison). Keeping the
 * precision's Cholesky factor current instead costs a rotation sweep over the whole factor per
 * run (a chain of dependent multiply-adds, ~1.3 ms at K = 1,000) plus two triangular solves;
 * here a run costs one K x K matrix-vector product plus O(m K), and every CAPACITY runs the
 * pending terms are folded into `base` as one blocked rank-m update, whose multiply-adds are
 * independent (fast arithmetic, O(K^2) memory traffic once per CAPACITY runs).
 */
export interface KeptCovariance {
  K: number;
  /** Full symmetric K x K, row-major (both triangles, so that products read rows). */
  base: Float64Array;
  /** Pending rank-one terms: w_j in w[j K .. j K + K), beta_j in beta[j]. */
  w: Float64Array;
  beta: Float64Array;
  m: number;
  /** True once a run was added: the fit's precision factor (factor.lbb) no longer describes b. */
  updated: boolean;
}

/** Pending terms before a flush: per-run cost m K against one blocked K^2 m / 2 flush. */
export const CAPACITY = 64;

/** From the Cholesky factor of b's precision (laplace.ts lbb): n^3 / 3 multiply-adds, once per fit. */
export function keptCovariance(lbb: Float64Array, K: number): KeptCovariance {
  return { K, base: inverseFromCholesky(lbb, K), w: new Float64Array(CAPACITY * K), beta: new Float64Array(CAPACITY), m: 0, updated: false };
}

/** The variances (flushes first). */
export function covarianceDiagonal(c: KeptCovariance): Float64Array {
  flushCovariance(c);
  const out = new Float64Array(c.K);
  for (let k = 0; k < c.K; k++) out[k] = c.base[k * c.K + k]!;
  return out;
}

/** out = Sigma v (v dense, length K). out may not alias v. */
export function covarianceTimes(c: KeptCovariance, v: Float64Array, out: Float64Array): void {
  const { K, base, w, beta, m } = c;
  for (let i = 0; i < K; i++) {
    const r = i * K;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k + 3 < K; k += 4) {
      s0 += base[r + k]! * v[k]!;
      s1 += base[r + k + 1]! * v[k + 1]!;
      s2 += base[r + k + 2]! * v[k + 2]!;
      s3 += base[r + k + 3]! * v[k + 3]!;
    }
    for (; k < K; k++) s0 += base[r + k]! * v[k]!;
    out[i] = s0 + s1 + (s2 + s3);
  }
  for (let j = 0; j < m; j++) {
    const r = j * K;
    let d = 0;
    for (let k = 0; k < K; k++) d += w[r + k]! * v[k]!;
    const a = beta[j]! * d;
    if (a === 0) continue;
    for (let k = 0; k < K; k++) out[k] = out[k]! - a * w[r + k]!;
  }
}

/** Sigma <- Sigma - beta z z^T (beta > 0; z is copied). */
export function covarianceDowndate(c: KeptCovariance, z: Float64Array, beta: number): void {
  c.updated = true;
  if (!(beta > 0)) return;
  if (c.m === CAPACITY) flushCovariance(c);
  c.w.set(z.subarray(0, c.K), c.m * c.K);
  c.beta[c.m] = beta;
  c.m++;
}

/** Folds the pending terms into base: base -= G G^T with G's column j = sqrt(beta_j) w_j. */
export function flushCovariance(c: KeptCovariance): void {
  const { K, base, w, beta, m } = c;
  if (m === 0) return;
  const g = new Float64Array(K * m);
  for (let j = 0; j < m; j++) {
    const root = Math.sqrt(beta[j]!);
    const r = j * K;
    for (let k = 0; k < K; k++) g[k * m + j] = root * w[r + k]!;
  }
  subtractGram(base, K, g, m);
  // subtractGram keeps the lower triangle; mirror it so that rows stay whole.
  for (let i = 0; i < K; i++) for (let k = 0; k < i; k++) base[k * K + i] = base[i * K + k]!;
  c.m = 0;
}

/** Adds columns with no runs yet: uncorrelated, with the prior's variance 1 / precision. */
export function growCovariance(c: KeptCovariance, K: number, precision: Float64Array): void {
  const old = c.K;
  if (K <= old) return;
  flushCovariance(c);
  const base = new Float64Array(K * K);
  for (let i = 0; i < old; i++) base.set(c.base.subarray(i * old, (i + 1) * old), i * K);
  for (let i = old; i < K; i++) base[i * K + i] = 1 / precision[i]!;
  Object.assign(c, { K, base, w: new Float64Array(CAPACITY * K) });
}

/** Lower Cholesky factor M of Sigma (M M^T = Sigma), for posterior draws (thompson.ts). O(K^3 / 6). */
export function covarianceCholesky(c: KeptCovariance): Float64Array {
  flushCovariance(c);
  const m = c.base.slice();
  choleskyInPlace(m, c.K);
  return m;
}
