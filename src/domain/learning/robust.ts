import { ConditionalSpec } from './conditional';
import type { EncodedRuns } from './encode';
import type { BlockFactor } from './laplace';
import { solveLower, solveLowerTransposed } from './linalg';
import type { WithinDesign } from './within';

/**
 * How much wider than the Laplace interval each effect's interval must be when the logistic
 * model is not the truth (issue 12: worlds with a probit or complementary log-log truth, a
 * failure rate that nudges multiply, drift inside a month). The Laplace covariance A = H^{-1}
 * (H the penalised curvature) is right when the model is; a sandwich, A (M + P) A with
 * M = sum over specs of g_s g_s^T (each spec's score: runs of one spec are the cluster), is
 * right either way (Huber-White, clustered by spec), and equals A when M has its expectation
 * H - P. So the robust variance is A + A (M - (H - P)) A, i.e. the Laplace variance plus
 * A D A with D = sum over specs of g_s g_s^T - X_s^T Cov_s X_s.
 *
 * Computed over the conditional specs (few runs each), where model error acts most and each
 * spec touches few columns, so D costs what one Hessian pass over them does; profiled specs
 * (many runs, an intercept each) keep their model-based share. The interval is only ever
 * widened (the factor is at least 1): with few specs the sandwich is itself noisy and biased
 * low, and a chance low value must not make an interval narrower than the model's.
 *
 * Returns each column's variance factor (robust / Laplace), 1 where nothing changes.
 */
export function robustInflation(enc: EncodedRuns, d: WithinDesign, b: Float64Array, factor: BlockFactor, variance: Float64Array): Float64Array {
  const K = d.K;
  const out = new Float64Array(K).fill(1);
  const { specs, start, members, weight } = d.cond;
  if (specs.length === 0 || K === 0) return out;
  const { offsets, nudgeIdx, passed } = enc;
  const D = new Float64Array(K * K);
  const kernel = new ConditionalSpec();
  let eta = new Float64Array(64);
  let y = new Float64Array(64);
  const local = new Int32Array(K).fill(-1);
  const active: number[] = [];
  let xLocal = new Float64Array(0);
  let z = new Float64Array(0);
  const g: number[] = [];
  for (let c = 0; c < specs.length; c++) {
    const from = start[c]!;
    const T = start[c + 1]! - from;
    if (T > eta.length) {
      eta = new Float64Array(2 * T);
      y = new Float64Array(2 * T);
    }
    active.length = 0;
    for (let t = 0; t < T; t++) {
      const i = members[from + t]!;
      let e = 0;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
        const k = nudgeIdx[j]!;
        e += b[k]!;
        if (local[k]! < 0) local[k] = active.push(k) - 1;
      }
      eta[t] = e;
      y[t] = passed[i]!;
    }
    const A = active.length;
    if (A === 0) continue;
    kernel.evaluate(eta, y, T, true);
    const w = weight[c]!;
    // X (T x A, 0/1) and the spec's score g = w X^T (y - pi).
    if (xLocal.length < T * A) xLocal = new Float64Array(2 * T * A);
    xLocal.fill(0, 0, T * A);
    g.length = A;
    g.fill(0);
    for (let t = 0; t < T; t++) {
      const i = members[from + t]!;
      const r = w * (y[t]! - kernel.pi[t]!);
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
        const a = local[nudgeIdx[j]!]!;
        xLocal[t * A + a] = 1;
        g[a] = g[a]! + r;
      }
    }
    // D += g g^T - w X^T Cov X over the spec's columns (Z = Cov X first: O(T^2 A + T A^2)).
    if (z.length < T * A) z = new Float64Array(2 * T * A);
    z.fill(0, 0, T * A);
    for (let r = 0; r < T; r++) {
      const row = r * T;
      for (let t = 0; t < T; t++) {
        const cv = kernel.cov[row + t]!;
        if (cv === 0) continue;
        for (let a = 0; a < A; a++) if (xLocal[t * A + a] !== 0) z[r * A + a] = z[r * A + a]! + cv;
      }
    }
    for (let a = 0; a < A; a++) {
      const ka = active[a]!;
      for (let a2 = 0; a2 < A; a2++) {
        let h = 0;
        for (let t = 0; t < T; t++) if (xLocal[t * A + a] !== 0) h += z[t * A + a2]!;
        const at = ka * K + active[a2]!;
        D[at] = D[at]! + g[a]! * g[a2]! - w * h;
      }
    }
    for (const k of active) local[k] = -1;
  }
  // Column k of A = (L L^T)^{-1}, then (A D A)_kk = a_k^T D a_k.
  const col = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    col.fill(0);
    col[k] = 1;
    solveLower(factor.lbb, K, col);
    solveLowerTransposed(factor.lbb, K, col);
    let q = 0;
    for (let r = 0; r < K; r++) {
      const row = r * K;
      let s = 0;
      for (let c = 0; c < K; c++) s += D[row + c]! * col[c]!;
      q += col[r]! * s;
    }
    const v = variance[k]!;
    if (v > 0 && q > 0) out[k] = (v + q) / v;
  }
  return out;
}
