import type { AdjustedState } from './adjusted';

/**
 * The spec intercepts' share of incremental Newton steps, kept implicit.
 *
 * Each step moves every intercept: by the block solve (laplace.ts), intercept t moves by
 *   gain * (z_u_t) = gain * ([t = s] / lu_s^2 - (lmu_t z_mu + lbu_t . z_b) / lu_t)
 * for a run of spec s. Writing that out costs S K per run (a pass over the whole S x K block:
 * a millisecond or two with a thousand specs and nudges), though only the run's own intercept
 * is read before the next refit. So the steps are summed instead, A_mu = sum gain z_mu and
 * A_b = sum gain z_b, and intercept t is
 *   params.u[t] - (lmu_t A_mu + lbu_t . A_b) / lu_t + offset[t],
 * which holds while row t of the factor stays as it was; adding a run of spec t changes that
 * row, so its intercept is written out first and its offset reset (rebase), O(K) per run.
 */
export interface PendingIntercepts {
  aMu: number;
  aB: Float64Array;
  offset: Float64Array;
}

function term(state: AdjustedState, pending: PendingIntercepts, t: number): number {
  const f = state.factor;
  const K = f.K;
  const row = t * K;
  let dot = f.lmu[t]! * pending.aMu;
  for (let k = 0; k < K; k++) dot += f.lbu[row + k]! * pending.aB[k]!;
  return dot / f.lu[t]!;
}

/** The pending record, created or grown to the state's current sizes. */
export function pendingFor(state: AdjustedState): PendingIntercepts {
  const S = state.factor.S;
  const K = state.factor.K;
  let pending = state.pendingIntercepts;
  if (!pending) {
    pending = { aMu: 0, aB: new Float64Array(K), offset: new Float64Array(S) };
    state.pendingIntercepts = pending;
  }
  if (pending.aB.length < K) {
    const aB = new Float64Array(K);
    aB.set(pending.aB);
    pending.aB = aB;
  }
  if (pending.offset.length < S) {
    const offset = new Float64Array(S);
    offset.set(pending.offset);
    pending.offset = offset;
  }
  return pending;
}

/** Intercept t as the steps so far have left it. O(K). */
export function interceptOf(state: AdjustedState, t: number): number {
  const pending = state.pendingIntercepts;
  const u = state.params.u[t]!;
  return pending ? u - term(state, pending, t) + pending.offset[t]! : u;
}

/** Call after row t of the factor changed, with intercept t's value at that moment. */
export function rebase(state: AdjustedState, pending: PendingIntercepts, t: number, value: number): void {
  state.params.u[t] = value;
  pending.offset[t] = term(state, pending, t);
}

/** Every intercept, written out (S K). The state is left as it was. */
export function currentIntercepts(state: AdjustedState): Float64Array {
  const u = state.params.u.slice();
  if (!state.pendingIntercepts) return u;
  for (let t = 0; t < u.length; t++) u[t] = interceptOf(state, t);
  return u;
}
