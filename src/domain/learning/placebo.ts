import { mulberry32, seedFrom } from '../random';
import { columnKind, isAdjustmentKey } from './adjustment';
import type { AdjustedState } from './adjusted';
import { ConditionalSpec } from './conditional';
import type { EncodedRuns } from './encode';
import { ROLE_CONDITIONAL, ROLE_NONE, ROLE_PROFILED, type WithinDesign } from './within';

/**
 * The placebo refuter (refute.ts): column k's labels permuted within each spec, 100 times,
 * seeded by the nudge and the evidence.
 *
 * Within a spec, labels move only among runs that share the rest of the adjustment set: the
 * same model, temperature band, month and weeks (a cell; not the day, see placeboContext). A permutation then keeps everything the
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
  /** Sum of v (profiled). */
  V: number;
  cov: Float64Array;
  z: Uint8Array;
  /** Positions grouped by cell: cellPos[cellStart[c] .. cellStart[c + 1]). */
  cellStart: Int32Array;
  cellPos: Int32Array;
  /** Runs with the nudge in each cell. */
  cellWith: Int32Array;
}

/** What every nudge's placebo shares: each run's linear predictor without its intercept and its cell. */
export interface PlaceboContext {
  groups: { start: Int32Array; order: Int32Array };
  offset: Float64Array;
  cell: Int32Array;
  /** The runs with each column: colRuns[colStart[k] .. colStart[k + 1]). */
  colStart: Int32Array;
  colRuns: Int32Array;
}

/** Runs grouped by spec, offsets, and cells (runs with the same adjustment columns). */
export function placeboContext(enc: EncodedRuns, state: AdjustedState, groups: { start: Int32Array; order: Int32Array }): PlaceboContext {
  // Days are left out of the cells: a spec rarely has two runs on one day, and labels that
  // cannot move make every permutation equal the real labelling, so no claim could pass.
  const adjustment = Uint8Array.from(state.nudgeKeys, (key) => (isAdjustmentKey(key) && columnKind(key) !== 'day' ? 1 : 0));
  const b = state.params.b;
  const offset = new Float64Array(enc.n);
  const cell = new Int32Array(enc.n);
  const ids = new Map<string, number>();
  for (let i = 0; i < enc.n; i++) {
    let e = 0;
    let key = '';
    for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) {
      const k = enc.nudgeIdx[j]!;
      e += b[k]!;
      if (adjustment[k]) key += `${k},`;
    }
    offset[i] = e;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    cell[i] = id;
  }
  const K = state.nudgeKeys.length;
  const colStart = new Int32Array(K + 1);
  for (let j = 0; j < enc.nudgeIdx.length; j++) colStart[enc.nudgeIdx[j]! + 1]!++;
  for (let k = 0; k < K; k++) colStart[k + 1] = colStart[k + 1]! + colStart[k]!;
  const colRuns = new Int32Array(enc.nudgeIdx.length);
  const fill = colStart.slice(0, K);
  for (let i = 0; i < enc.n; i++) for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) colRuns[fill[enc.nudgeIdx[j]!]!++] = i;
  return { groups, offset, cell, colStart, colRuns };
}

/** U and I of the labelling given by the chosen positions of each spec. */
function effectOf(specs: readonly SpecData[], chosen: (s: SpecData, out: Int32Array) => number, scratch: Int32Array): number {
  let U = 0;
  let I = 0;
  for (const s of specs) {
    const m = chosen(s, scratch);
    const T = s.z.length;
    if (s.conditional) {
      for (let a = 0; a < m; a++) {
        const pa = scratch[a]!;
        U += s.r[pa]!;
        for (let c = 0; c < m; c++) I += s.cov[pa * T + scratch[c]!]!;
      }
    } else {
      let vz = 0;
      for (let a = 0; a < m; a++) {
        U += s.r[scratch[a]!]!;
        vz += s.v[scratch[a]!]!;
      }
      I += vz - (vz * vz) / s.V;
    }
  }
  return I > 0 ? U / I : 0;
}

/**
 * How many of the permuted labellings of column k the real labels' effect beats in direction
 * `sign` (+1 beneficial, -1 harmful). groups: runs by spec (order[start[s] .. start[s + 1])).
 */
export function placeboBeaten(enc: EncodedRuns, d: WithinDesign, ctx: PlaceboContext, state: AdjustedState, k: number, sign: number): number {
  const { groups, offset, cell } = ctx;
  const bk = state.params.b[k]!;
  const kernel = new ConditionalSpec();
  const condSlot = new Int32Array(d.S).fill(-1);
  d.cond.specs.forEach((s, c) => (condSlot[s] = c));
  const specs: SpecData[] = [];
  let longest = 1;
  // Only the specs where the nudge was used can have runs with and without it.
  const withK = new Set<number>();
  for (let j = ctx.colStart[k]!; j < ctx.colStart[k + 1]!; j++) withK.add(enc.spec[ctx.colRuns[j]!]!);
  for (const s of [...withK].sort((a, b) => a - b)) {
    if (d.role[s] === ROLE_NONE) continue;
    const from = groups.start[s]!;
    const T = groups.start[s + 1]! - from;
    const z = new Uint8Array(T);
    let m = 0;
    for (let t = 0; t < T; t++) {
      const i = groups.order[from + t]!;
      for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) {
        const c = enc.nudgeIdx[j]!;
        if (c === k) z[t] = 1;
        if (c >= k) break;
      }
      m += z[t]!;
    }
    if (m === 0 || m === T) continue;
    const r = new Float64Array(T);
    const v = new Float64Array(T);
    let V = 0;
    let cov = new Float64Array(0);
    const conditional = d.role[s] === ROLE_CONDITIONAL;
    if (d.role[s] === ROLE_PROFILED) {
      const u = state.params.u[s]!;
      for (let t = 0; t < T; t++) {
        const i = groups.order[from + t]!;
        const p = 1 / (1 + Math.exp(-(u + offset[i]! - bk * z[t]!)));
        const w = enc.weight[i]!;
        r[t] = w * (enc.passed[i]! - p);
        v[t] = w * p * (1 - p);
        V += v[t]!;
      }
    } else {
      const eta = new Float64Array(T);
      const y = new Float64Array(T);
      for (let t = 0; t < T; t++) {
        const i = groups.order[from + t]!;
        eta[t] = offset[i]! - bk * z[t]!;
        y[t] = enc.passed[i]!;
      }
      kernel.evaluate(eta, y, T, true);
      const w = d.cond.weight[condSlot[s]!]!;
      cov = kernel.cov.slice(0, T * T);
      if (w !== 1) for (let a = 0; a < T * T; a++) cov[a] = cov[a]! * w;
      for (let t = 0; t < T; t++) r[t] = w * (y[t]! - kernel.pi[t]!);
    }
    // Cells: positions grouped by the runs' adjustment columns, with how many have the nudge.
    const byCell = new Map<number, number[]>();
    for (let t = 0; t < T; t++) {
      const id = cell[groups.order[from + t]!]!;
      let list = byCell.get(id);
      if (!list) byCell.set(id, (list = []));
      list.push(t);
    }
    const cellStart = new Int32Array(byCell.size + 1);
    const cellPos = new Int32Array(T);
    const cellWith = new Int32Array(byCell.size);
    let c = 0;
    let at = 0;
    for (const list of byCell.values()) {
      for (const t of list) {
        cellPos[at++] = t;
        cellWith[c] = cellWith[c]! + z[t]!;
      }
      cellStart[++c] = at;
    }
    longest = Math.max(longest, T);
    specs.push({ conditional, r, v, V, cov, z, cellStart, cellPos, cellWith });
  }
  if (specs.length === 0) return 0;
  const scratch = new Int32Array(longest);
  const real = effectOf(
    specs,
    (s, out) => {
      let m = 0;
      for (let t = 0; t < s.z.length; t++) if (s.z[t]) out[m++] = t;
      return m;
    },
    scratch,
  );
  const rng = mulberry32(seedFrom(`placebo:${state.nudgeKeys[k]}:${enc.n}`));
  const pos = new Int32Array(longest);
  const shuffled = (s: SpecData, out: Int32Array): number => {
    let m = 0;
    for (let c = 0; c + 1 < s.cellStart.length; c++) {
      const c0 = s.cellStart[c]!;
      const n = s.cellStart[c + 1]! - c0;
      const mc = s.cellWith[c]!;
      if (mc === 0) continue;
      for (let t = 0; t < n; t++) pos[t] = s.cellPos[c0 + t]!;
      // The first mc of a partial Fisher-Yates shuffle: a uniformly random mc of the cell's runs.
      for (let t = 0; t < mc; t++) {
        const j = t + Math.floor(rng() * (n - t));
        const tmp = pos[t]!;
        pos[t] = pos[j]!;
        pos[j] = tmp;
        out[m++] = pos[t]!;
      }
    }
    return m;
  };
  let beaten = 0;
  for (let perm = 0; perm < PLACEBO_PERMUTATIONS; perm++) {
    const placebo = effectOf(specs, shuffled, scratch);
    // Strictly better, beyond rounding: a labelling the permutation cannot change is a tie.
    if (sign * (real - placebo) > 1e-9 * (Math.abs(real) + Math.abs(placebo) + 1e-12)) beaten++;
  }
  return beaten;
}
