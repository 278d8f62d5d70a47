import type { AdjustedState } from './adjusted';
import type { EncodedRuns } from './encode';
import { addRunCurvature, growNudges, growSpecs, scratchFor, solveBlock } from './laplace';
import { ameAddRun, growTrack } from './marginal';
import { interceptOf, pendingFor, rebase } from './pendingIntercepts';

/**
 * Adds runs to a fitted state one at a time, in O(K^2 + S K) per run, without touching the
 * old runs (the goal: a new run updates the estimates in a few milliseconds; a full refit,
 * fitAdjusted, remains the reference and should run when the worker is idle).
 *
 * Per run, with x its design vector, p its predicted pass probability at the current
 * parameters and c = w p (1 - p) its curvature:
 * 1. H' = H + c x x^T: a rank-one rotation update of the block Cholesky factor (laplace.ts).
 * 2. One Newton step from the current mode. The old data's gradient is ~0 there (it was the
 *    mode), so the new posterior's gradient is the run's own, w (y - p) x, and the step is
 *    w (y - p) H'^{-1} x: one solve with the updated factor. The other specs' intercepts'
 *    share of it is kept implicit (pendingIntercepts.ts), since writing it out would cost as
 *    much as the rest of the update.
 * 3. Marginal variances by Sherman-Morrison on the same solve: with z = H'^{-1} x and
 *    q = x^T z, Var'(b_k) = Var(b_k) - c z_k^2 / (1 - c q). O(K), no inversion.
 * 4. AMEs carried to the new b along their slopes, plus the new run's own term (marginal.ts).
 * What this leaves out is the change in the old runs' curvature and AME terms as the
 * parameters move by O(1/n) per run: second order, and reset by the next refit.
 *
 * New specs and nudges join with their prior alone (laplace.ts growSpecs / growNudges) before
 * their first run is added. Updates the state in place (the factor is K^2 doubles: copying it
 * per run would cost more than the update) and returns it.
 */
export function updateAdjusted(state: AdjustedState, runs: EncodedRuns): AdjustedState {
  const specOf = mapKeys(runs.specKeys, state.specKeys);
  const nudgeOf = mapKeys(runs.nudgeKeys, state.nudgeKeys);
  grow(state);
  const pending = pendingFor(state);
  const { factor: f, params: p } = state;
  const S = f.S;
  const K = f.K;
  const ru = new Float64Array(S);
  const rb = new Float64Array(K);
  const zb = new Float64Array(K);
  const vb = new Float64Array(K);
  const se = new Float64Array(K);
  const nudges: number[] = [];
  for (let i = 0; i < runs.n; i++) {
    const s = specOf[runs.spec[i]!]!;
    nudges.length = 0;
    for (let j = runs.offsets[i]!; j < runs.offsets[i + 1]!; j++) nudges.push(nudgeOf[runs.nudgeIdx[j]!]!);
    nudges.sort((a, b) => a - b);
    const w = runs.weight[i]!;
    const y = runs.passed[i]!;
    const uS = interceptOf(state, s);
    let eta = p.mu + uS;
    for (const k of nudges) eta += p.b[k]!;
    const prob = 1 / (1 + Math.exp(-eta));
    const c = w * prob * (1 - prob);
    addRunCurvature(f, s, nudges, c, vb);
    rebase(state, pending, s, uS);

    ru[s] = 1;
    for (const k of nudges) rb[k] = 1;
    const zmu = solveBlock(f, ru, 1, rb, null, zb, state.scratch);
    ru[s] = 0;
    for (const k of nudges) rb[k] = 0;
    // The run's own intercept's share of z (the others stay pending, pendingIntercepts.ts).
    const lu = f.lu[s]!;
    let coupling = f.lmu[s]! * zmu;
    for (let k = 0, row = s * K; k < K; k++) coupling += f.lbu[row + k]! * zb[k]!;
    const zuS = (1 / lu - coupling) / lu;
    let q = zuS + zmu;
    for (const k of nudges) q += zb[k]!;

    const gain = w * (y - prob);
    p.mu += gain * zmu;
    for (let k = 0; k < K; k++) p.b[k] = p.b[k]! + gain * zb[k]!;
    pending.aMu += gain * zmu;
    for (let k = 0; k < K; k++) pending.aB[k] = pending.aB[k]! + gain * zb[k]!;
    p.u[s] = p.u[s]! + gain / (lu * lu);
    const shrink = c / (1 - c * q);
    for (let k = 0; k < K; k++) {
      state.variance[k] = Math.max(state.variance[k]! - shrink * zb[k]! * zb[k]!, 0);
      se[k] = Math.sqrt(state.variance[k]!);
    }
    for (const k of nudges) state.nWith[k] = state.nWith[k]! + 1;
    state.n++;

    let etaNew = p.mu + uS + gain * zuS;
    for (const k of nudges) etaNew += p.b[k]!;
    ameAddRun(state.ame, p.b, se, etaNew, nudges, w);
    state.updatesSinceFit++;
  }
  return state;
}

/** Index of each of `keys` in `known`, appending the keys `known` lacks. */
function mapKeys(keys: readonly string[], known: string[]): Int32Array {
  const index = new Map<string, number>();
  known.forEach((k, i) => index.set(k, i));
  const out = new Int32Array(keys.length);
  keys.forEach((key, i) => {
    let at = index.get(key);
    if (at === undefined) {
      at = known.push(key) - 1;
      index.set(key, at);
    }
    out[i] = at;
  });
  return out;
}

/** Brings every array of the state up to its key lists' lengths (new keys: prior only). */
function grow(state: AdjustedState): void {
  const S = state.specKeys.length;
  const K = state.nudgeKeys.length;
  const f = state.factor;
  if (S === f.S && K === f.K) return;
  const pen = state.penalties;
  growSpecs(f, S, pen);
  growNudges(f, K, pen);
  const extend = (a: Float64Array, n: number, fill: number): Float64Array => {
    if (a.length >= n) return a;
    const out = new Float64Array(n).fill(fill);
    out.set(a);
    return out;
  };
  state.params.u = extend(state.params.u, S, 0);
  state.params.b = extend(state.params.b, K, 0);
  state.variance = extend(state.variance, K, 1 / pen.nudge);
  state.nWith = extend(state.nWith, K, 0);
  growTrack(state.ame, K, 1 / Math.sqrt(pen.nudge));
  state.scratch = scratchFor(f);
}
