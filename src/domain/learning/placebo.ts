import { mulberry32, seedFrom } from '../random';
import { isAdjustmentKey } from './adjustment';
import type { AdjustedState } from './adjusted';
import { ConditionalSpec } from './conditional';
import type { EncodedRuns } from './encode';
import { ROLE_CONDITIONAL, ROLE_NONE, ROLE_PROFILED, type WithinDesign } from './within';

/**
 * The placebo refuter (refute.ts): column k's labels permuted within each spec, 100 times,
 * seeded by the nudge and the evidence.
 *
 * Within a spec, labels move only among runs that share the rest of the adjustment set: the
 * same model, temperature band and month (a cell). A permutation then keeps everything the
 * effect is adjusted for as it was, breaking only the link between the nudge and the outcome
 * inside cells. So a claim that rests on something the adjustment could not separate from the
 * nudge (a nudge adopted exactly when a model or a month changed) is refuted: every permuted
 * labelling carries the same confounding as the real one, and the real effect cannot beat
 * them.
 *
 * Each labelling's effect is its one-step within-spec estimate from the fit with k's effect
 * removed: score over information, U(z) / I(z), with U = sum_i z_i r_i (r the residuals; for a
 * spec fitted through its conditional likelihood, conditional residuals) and I the within-spec
 * information of z (sum v z - (sum v z)^2 / sum v for a spec with its own intercept, z^T Cov z
 * for a conditional one). The real labels' effect is measured the same way, so real and placebo
 * effects are alike in everything but the labels.
 */
export const PLACEBO_PERMUTATIONS = 100;

interface SpecData {
  conditional: boolean;
  /** Residuals and curvature weights (profiled) of the spec's runs, its labels and its cells. */
  r: Float64Array;
  v: Float64Array;
  cov: Float64Array;
  z: Uint8Array;
  /** Positions grouped by cell: cellPos[cellStart[c] .. cellStart[c + 1]). */
  cellStart: Int32Array;
  cellPos: Int32Array;
  /** Runs with the nudge in each cell. */
  cellWith: Int32Array;
}

function offsetOf(enc: EncodedRuns, b: Float64Array, i: number): number {
  let e = 0;
  for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) e += b[enc.nudgeIdx[j]!]!;
  return e;
}

/** A run's cell: its adjustment columns, as a key. */
function cellKey(enc: EncodedRuns, adjustment: Uint8Array, i: number): string {
  let key = '';
  for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) if (adjustment[enc.nudgeIdx[j]!]) key += `${enc.nudgeIdx[j]},`;
  return key;
}

function effect(specs: readonly SpecData[], labels: (s: SpecData) => Uint8Array): number {
  let U = 0;
  let I = 0;
  for (const s of specs) {
    const z = labels(s);
    const T = z.length;
    if (s.conditional) {
      for (let a = 0; a < T; a++) {
        if (!z[a]) continue;
        U += s.r[a]!;
        for (let c = 0; c < T; c++) if (z[c]) I += s.cov[a * T + c]!;
      }
    } else {
      let V = 0;
      let vz = 0;
      for (let a = 0; a < T; a++) {
        V += s.v[a]!;
        if (!z[a]) continue;
        U += s.r[a]!;
        vz += s.v[a]!;
      }
      I += vz - (vz * vz) / V;
    }
  }
  return I > 0 ? U / I : 0;
}

/**
 * How many of the permuted labellings of column k the real labels' effect beats in direction
 * `sign` (+1 beneficial, -1 harmful). groups: runs by spec (order[start[s] .. start[s + 1])).
 */
export function placeboBeaten(enc: EncodedRuns, d: WithinDesign, groups: { start: Int32Array; order: Int32Array }, state: AdjustedState, k: number, sign: number): number {
  const b = state.params.b;
  const bk = b[k]!;
  const kernel = new ConditionalSpec();
  const adjustment = Uint8Array.from(state.nudgeKeys, (key) => (isAdjustmentKey(key) ? 1 : 0));
  const condSlot = new Int32Array(d.S).fill(-1);
  d.cond.specs.forEach((s, c) => (condSlot[s] = c));
  const specs: SpecData[] = [];
  for (let s = 0; s < d.S; s++) {
    if (d.role[s] === ROLE_NONE) continue;
    const from = groups.start[s]!;
    const T = groups.start[s + 1]! - from;
    const z = new Uint8Array(T);
    let m = 0;
    for (let t = 0; t < T; t++) {
      const i = groups.order[from + t]!;
      for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) if (enc.nudgeIdx[j] === k) z[t] = 1;
      m += z[t]!;
    }
    if (m === 0 || m === T) continue;
    const r = new Float64Array(T);
    const v = new Float64Array(T);
    let cov = new Float64Array(0);
    const conditional = d.role[s] === ROLE_CONDITIONAL;
    if (d.role[s] === ROLE_PROFILED) {
      for (let t = 0; t < T; t++) {
        const i = groups.order[from + t]!;
        const p = 1 / (1 + Math.exp(-(state.params.u[s]! + offsetOf(enc, b, i) - bk * z[t]!)));
        const w = enc.weight[i]!;
        r[t] = w * (enc.passed[i]! - p);
        v[t] = w * p * (1 - p);
      }
    } else {
      const eta = new Float64Array(T);
      const y = new Float64Array(T);
      for (let t = 0; t < T; t++) {
        const i = groups.order[from + t]!;
        eta[t] = offsetOf(enc, b, i) - bk * z[t]!;
        y[t] = enc.passed[i]!;
      }
      kernel.evaluate(eta, y, T, true);
      const w = d.cond.weight[condSlot[s]!]!;
      cov = kernel.cov.slice(0, T * T).map((x) => w * x);
      for (let t = 0; t < T; t++) r[t] = w * (y[t]! - kernel.pi[t]!);
    }
    // Cells: runs with the same adjustment columns.
    const cells = new Map<string, number[]>();
    for (let t = 0; t < T; t++) {
      const key = cellKey(enc, adjustment, groups.order[from + t]!);
      let list = cells.get(key);
      if (!list) cells.set(key, (list = []));
      list.push(t);
    }
    const cellStart = new Int32Array(cells.size + 1);
    const cellPos = new Int32Array(T);
    const cellWith = new Int32Array(cells.size);
    let c = 0;
    let at = 0;
    for (const list of cells.values()) {
      for (const t of list) {
        cellPos[at++] = t;
        cellWith[c] = cellWith[c]! + z[t]!;
      }
      cellStart[++c] = at;
    }
    specs.push({ conditional, r, v, cov, z, cellStart, cellPos, cellWith });
  }
  if (specs.length === 0) return 0;
  const real = effect(specs, (s) => s.z);
  const rng = mulberry32(seedFrom(`placebo:${state.nudgeKeys[k]}:${enc.n}`));
  const scratch = new Map<SpecData, Uint8Array>(specs.map((s) => [s, new Uint8Array(s.z.length)]));
  const pos = new Int32Array(Math.max(...specs.map((s) => s.z.length)));
  let beaten = 0;
  for (let perm = 0; perm < PLACEBO_PERMUTATIONS; perm++) {
    const placebo = effect(specs, (s) => {
      const z = scratch.get(s)!;
      z.fill(0);
      for (let c = 0; c + 1 < s.cellStart.length; c++) {
        const c0 = s.cellStart[c]!;
        const n = s.cellStart[c + 1]! - c0;
        const m = s.cellWith[c]!;
        for (let t = 0; t < n; t++) pos[t] = s.cellPos[c0 + t]!;
        // The first m of a partial Fisher-Yates shuffle: a uniformly random m of the cell's runs.
        for (let t = 0; t < m; t++) {
          const j = t + Math.floor(rng() * (n - t));
          const tmp = pos[t]!;
          pos[t] = pos[j]!;
          pos[j] = tmp;
          z[pos[t]!] = 1;
        }
      }
      return z;
    });
    if (sign * (real - placebo) > 0) beaten++;
  }
  return beaten;
}
