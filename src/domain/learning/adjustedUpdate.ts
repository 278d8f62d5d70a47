import { columnPenalties } from './adjustment';
import type { AdjustedState } from './adjusted';
import type { EncodedRuns } from './encode';
import { addRunToRow, growColumns } from './blockUpdate';
import { scratchFor } from './blockSolve';
import { covarianceDowndate, covarianceTimes, growCovariance, keptCovariance } from './keptCovariance';
import { ameAddRun, growTrack } from './marginal';
import { interceptOf, pendingFor, rebase } from './pendingIntercepts';

/**
 * Adds runs to a fitted state one at a time, without touching the old runs (the goal: a new
 * run updates the estimates in a millisecond or two; a full refit, fitAdjusted, remains the
 * reference and runs when the worker is idle).
 *
 * A run of a profiled spec (one with an intercept of its own in the fit, within.ts), with x its
 * design vector, p its predicted pass probability at the current parameters and
 * c = w p (1 - p) its curvature, costs one K x K matrix-vector product plus O(K):
 * 1. H' = H + c x x^T. Eliminating the intercepts, b's precision gains a rank-one term
 *    gamma v v^T with v = e_cols - h_s / d_s (h_s the spec's curvature shared with each column,
 *    d_s its own); the intercept row itself is updated in O(K) (blockUpdate.ts addRunToRow).
 * 2. With Sigma b's covariance, kept dense (keptCovariance.ts): z_b = Sigma v is the b part of
 *    z = H^{-1} x, and q = x^T z = 1 / d_s + v . z_b.
 * 3. One Newton step from the current mode. The old data's gradient is ~0 there (it was the
 *    mode), so the new posterior's gradient is the run's own, w (y - p) x, and the step is
 *    w (y - p) H'^{-1} x = w (y - p) z / (1 + c q) (Sherman-Morrison). The other specs'
 *    intercepts' share of it is kept implicit (pendingIntercepts.ts).
 * 4. Sigma' = Sigma - c z_b z_b^T / (1 + c q), kept as a pending rank-one term; the marginal
 *    variances follow at O(K).
 * 5. AMEs carried to the new b along their slopes, plus the new run's own term (marginal.ts).
 * What this leaves out is the change in the old runs' curvature and AME terms as the
 * parameters move by O(1/n) per run: second order, and reset by the next refit.
 *
 * A run of any other spec (one learned through its conditional likelihood, or new) informs the
 * effects only through its contrast with the spec's other runs, which a one-run step cannot
 * honour without refitting that spec: it is counted and enters the AME, but its information
 * waits for the next refit (deferredRuns), which the learner then asks for (engine.ts).
 *
 * New specs and columns join with their prior alone before their first run is added. Updates
 * the state in place (the covariance is K^2 doubles: copying it per run would cost more than
 * the update) and returns it. The first update after a fit builds the covariance from the fit's
 * factor (K^3 / 3) unless the fit kept it (AdjustedOptions.keepCovariance).
 */
export function updateAdjusted(state: AdjustedState, runs: EncodedRuns): AdjustedState {
  const specOf = mapKeys(runs.specKeys, state.specKeys);
  const nudgeOf = mapKeys(runs.nudgeKeys, state.nudgeKeys);
  grow(state);
  const pending = pendingFor(state);
  const { factor: f, params: p } = state;
  const K = f.K;
  const cov = (state.covariance ??= keptCovariance(f.lbb, K));
  const zb = new Float64Array(K);
  const vb = new Float64Array(K);
  const se = new Float64Array(K);
  for (let k = 0; k < K; k++) se[k] = Math.sqrt(state.variance[k]! * state.inflation[k]!);
  const columns: number[] = [];
  for (let i = 0; i < runs.n; i++) {
    const s = specOf[runs.spec[i]!]!;
    columns.length = 0;
    for (let j = runs.offsets[i]!; j < runs.offsets[i + 1]!; j++) columns.push(nudgeOf[runs.nudgeIdx[j]!]!);
    columns.sort((a, b) => a - b);
    const w = runs.weight[i]!;
    const y = runs.passed[i]!;
    const row = state.rowOf[s]!;
    for (const k of columns) state.nWith[k] = state.nWith[k]! + 1;
    state.n++;
    state.updatesSinceFit++;
    if (row < 0) {
      let eta = state.intercepts.mean[s]!;
      for (const k of columns) eta += p.b[k]!;
      ameAddRun(state.ame, p.b, se, eta, columns, w);
      state.deferredRuns++;
      continue;
    }
    const uS = interceptOf(state, s);
    let eta = uS;
    for (const k of columns) eta += p.b[k]!;
    const prob = 1 / (1 + Math.exp(-eta));
    const c = w * prob * (1 - prob);
    // v = e_cols - h_s / d_s, with h_s / d_s = lbu_row / lu (the row before this run).
    const lu = f.lu[row]!;
    const at = row * K;
    for (let k = 0; k < K; k++) vb[k] = -f.lbu[at + k]! / lu;
    for (const k of columns) vb[k] = vb[k]! + 1;
    covarianceTimes(cov, vb, zb);
    let vz = 0;
    for (let k = 0; k < K; k++) vz += vb[k]! * zb[k]!;
    // q = x^T H^{-1} x; the run's own intercept's share of H^{-1} x is q - sum_cols z_b.
    const q = 1 / (lu * lu) + vz;
    let zCols = 0;
    for (const k of columns) zCols += zb[k]!;
    const zuS = q - zCols;
    const shrink = c / (1 + c * q);
    addRunToRow(f, row, columns, c);
    rebase(state, pending, s, row, uS);

    const gain = w * (y - prob);
    // The step is gain H'^{-1} x = gain z / (1 + c q).
    const step = gain / (1 + c * q);
    for (let k = 0; k < K; k++) p.b[k] = p.b[k]! + step * zb[k]!;
    for (let k = 0; k < K; k++) pending.aB[k] = pending.aB[k]! + step * zb[k]!;
    const luNew = f.lu[row]!;
    p.u[s] = p.u[s]! + gain / (luNew * luNew);
    for (let k = 0; k < K; k++) {
      state.variance[k] = Math.max(state.variance[k]! - shrink * zb[k]! * zb[k]!, 0);
      se[k] = Math.sqrt(state.variance[k]! * state.inflation[k]!);
    }
    covarianceDowndate(cov, zb, shrink);
    let etaNew = uS + step * zuS;
    for (const k of columns) etaNew += p.b[k]!;
    ameAddRun(state.ame, p.b, se, etaNew, columns, w);
  }
  return state;
}

/**
 * The learner's log hands every update its whole key lists (thousands of keys, one growing
 * array each), while a new run uses a handful. Mapping them all again on every run cost more
 * than the update's arithmetic, so the mapping is kept per key array: both lists only ever
 * grow, so earlier entries stay valid and only keys added since are looked up.
 */
interface KeyMapping {
  known: string[];
  index: Map<string, number>;
  map: Int32Array;
  mapped: number;
}
const mappings = new WeakMap<readonly string[], KeyMapping>();

/** Index of each of `keys` in `known`, appending the keys `known` lacks (entries past keys.length unused). */
function mapKeys(keys: readonly string[], known: string[]): Int32Array {
  let m = mappings.get(keys);
  if (!m || m.known !== known || m.mapped > keys.length) {
    m = { known, index: new Map(), map: new Int32Array(0), mapped: 0 };
    mappings.set(keys, m);
  }
  const { index } = m;
  // Keys appended to `known` elsewhere (or before this mapping existed).
  for (let i = index.size; i < known.length; i++) index.set(known[i]!, i);
  if (m.map.length < keys.length) {
    const next = new Int32Array(Math.max(keys.length, 2 * m.map.length));
    next.set(m.map);
    m.map = next;
  }
  for (let i = m.mapped; i < keys.length; i++) {
    const key = keys[i]!;
    let at = index.get(key);
    if (at === undefined) {
      at = known.push(key) - 1;
      index.set(key, at);
    }
    m.map[i] = at;
  }
  m.mapped = keys.length;
  return m.map;
}

/** Brings every array of the state up to its key lists' lengths (new keys: prior only). */
function grow(state: AdjustedState): void {
  const S = state.specKeys.length;
  const K = state.nudgeKeys.length;
  const f = state.factor;
  const extend = <T extends Float64Array | Int32Array>(a: T, n: number, fill: number): T => {
    if (a.length >= n) return a;
    const out = new (a.constructor as new (n: number) => T)(n);
    out.fill(fill);
    out.set(a);
    return out;
  };
  if (S > state.rowOf.length) {
    // A new spec has no intercept row: its runs wait for the refit (see above).
    state.rowOf = extend(state.rowOf, S, -1);
    state.params.u = extend(state.params.u, S, state.intercepts.mu);
    state.intercepts.mean = extend(state.intercepts.mean, S, state.intercepts.mu);
    state.intercepts.variance = extend(state.intercepts.variance, S, state.intercepts.sigma ** 2);
  }
  if (K === f.K) return;
  const pen = state.penalties;
  pen.columns = extend(pen.columns, K, 0);
  pen.columns.set(columnPenalties(state.nudgeKeys.slice(f.K)), f.K);
  growColumns(f, K, pen);
  if (state.covariance) growCovariance(state.covariance, K, pen.columns);
  state.params.b = extend(state.params.b, K, 0);
  const oldK = state.variance.length;
  state.variance = extend(state.variance, K, 0);
  for (let k = oldK; k < K; k++) state.variance[k] = 1 / pen.columns[k]!;
  state.inflation = extend(state.inflation, K, 1);
  state.nWith = extend(state.nWith, K, 0);
  state.informative = extend(state.informative, K, 0);
  const h = state.heterogeneity;
  h.specs = extend(h.specs, K, 0);
  h.df = extend(h.df, K, 0);
  h.q = extend(h.q, K, Number.NaN);
  h.p = extend(h.p, K, Number.NaN);
  h.tau = extend(h.tau, K, 0);
  h.gamma = extend(h.gamma, K, 0);
  h.shift = extend(h.shift, K, 0);
  h.widen = extend(h.widen, K, 1);
  growTrack(state.ame, K, 1 / Math.sqrt(pen.columns[K - 1]!));
  state.scratch = scratchFor(f);
}
