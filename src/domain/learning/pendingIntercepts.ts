import type { AdjustedState } from './adjusted';

/**
 * The profiled specs' intercepts' share of incremental Newton steps, kept implicit.
 *
 * Each step moves every intercept row: by the block solve (blockSolve.ts), row t moves by
 *   gain * (z_u_t) = gain * ([t = r] / lu_r^2 - (lbu_t . z_b) / lu_t)
 * for a run of row r. Writing that out costs R K per run (a pass over the whole R x K block:
 * a millisecond or two with a thousand specs and columns), though only the run's own intercept
 * is read before the next refit. So the steps are summed instead, A_b = sum gain z_b, and the
 * intercept of row t is
 *   params.u[spec of t] - (lbu_t . A_b) / lu_t + offset[t],
 * which holds while row t of the factor stays as it was; adding a run of that spec changes the
 * row, so its intercept is written out first and its offset reset (rebase), O(K) per run.
 */
export interface PendingIntercepts {
  aB: Float64Array;
  offset: Float64Array;
}

function term(state: AdjustedState, pending: PendingIntercepts, row: number): number {
  const f = state.factor;
  const K = f.K;
  const at = row * K;
  let dot = 0;
  for (let k = 0; k < K; k++) dot += f.lbu[at + k]! * pending.aB[k]!;
  return dot / f.lu[row]!;
}

/** The pending record, created or grown to the state's current sizes. */
export function pendingFor(state: AdjustedState): PendingIntercepts {
  const R = state.factor.S;
  const K = state.factor.K;
  let pending = state.pendingIntercepts;
  if (!pending) {
    pending = { aB: new Float64Array(K), offset: new Float64Array(R) };
    state.pendingIntercepts = pending;
  }
  if (pending.aB.length < K) {
    const aB = new Float64Array(K);
    aB.set(pending.aB);
    pending.aB = aB;
  }
  if (pending.offset.length < R) {
    const offset = new Float64Array(R);
    offset.set(pending.offset);
    pending.offset = offset;
  }
  return pending;
}

/** Intercept of spec s as the steps so far have left it (a profiled spec's; others keep theirs). O(K). */
export function interceptOf(state: AdjustedState, s: number): number {
  const pending = state.pendingIntercepts;
  const u = state.params.u[s]!;
  const row = state.rowOf[s] ?? -1;
  return pending && row >= 0 ? u - term(state, pending, row) + pending.offset[row]! : u;
}

/** Call after row `row` (spec s) of the factor changed, with the intercept's value at that moment. */
export function rebase(state: AdjustedState, pending: PendingIntercepts, s: number, row: number, value: number): void {
  state.params.u[s] = value;
  pending.offset[row] = term(state, pending, row);
}

/** Every intercept, written out (R K). The state is left as it was. */
export function currentIntercepts(state: AdjustedState): Float64Array {
  const u = state.params.u.slice();
  if (!state.pendingIntercepts) return u;
  for (let s = 0; s < u.length; s++) u[s] = interceptOf(state, s);
  return u;
}
