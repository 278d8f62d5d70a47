import { mulberry32At, seedFrom } from '../random';
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
 * inside cells. So a claim that rests on something the adjustment could not tell apart from the
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
 *
 * Cost. What does not depend on the nudge is computed once for all claims (placeboContext): each
 * run's residual and curvature at the fit, its place in its spec and its cell. Removing k's
 * effect changes them only on the runs with k, which a claim recomputes; a permutation draws
 * each cell's labels by a partial Fisher-Yates shuffle of the cell's positions and then undoes
 * its swaps, so it costs the labels drawn, not the runs of the cell. At a million runs on a
 * thousand specs, where every spec uses every nudge, a claim went from ~1.2 s to ~20 ms; the
 * draws, sums and verdicts are the ones the plain version (copy the cell, shuffle, sum) makes.
 */
export const PLACEBO_PERMUTATIONS = 100;

/** What every nudge's placebo shares (placeboContext). */
export interface PlaceboContext {
  groups: { start: Int32Array; order: Int32Array };
  /** Each run's linear predictor without its intercept. */
  offset: Float64Array;
  /**
   * At each position of groups.order (a spec's runs together): the run's residual w (y - p) and
   * curvature w p (1 - p) at the fit, for specs with an intercept of their own. A claim
   * overwrites its runs' entries and puts them back (placeboBeaten).
   */
  r: Float64Array;
  v: Float64Array;
  /** Each run's position in its spec's group (groups.order), and its cell's index among its spec's cells. */
  posInSpec: Int32Array;
  cellOf: Int32Array;
  /**
   * Cells of each spec, in the order their first run appears in the spec's group: spec s has
   * cells specCell[s] .. specCell[s + 1]); cell c holds the positions cellPos[cellStart[c] ..
   * cellStart[c + 1]), ascending.
   */
  specCell: Int32Array;
  cellStart: Int32Array;
  cellPos: Int32Array;
  /** The runs with each column, ascending: colRuns[colStart[k] .. colStart[k + 1]). */
  colStart: Int32Array;
  colRuns: Int32Array;
}

/** Offsets, residuals, positions and cells (runs of a spec with the same adjustment columns). */
export function placeboContext(enc: EncodedRuns, state: AdjustedState, d: WithinDesign, groups: { start: Int32Array; order: Int32Array }): PlaceboContext {
  // Days are left out of the cells: a spec rarely has two runs on one day, and labels that
  // cannot move make every permutation equal the real labelling, so no claim could pass.
  const adjustment = Uint8Array.from(state.nudgeKeys, (key) => (isAdjustmentKey(key) && columnKind(key) !== 'day' ? 1 : 0));
  const b = state.params.b;
  const u = state.params.u;
  const n = enc.n;
  const offset = new Float64Array(n);
  const r0 = new Float64Array(n);
  const v0 = new Float64Array(n);
  const cellId = new Int32Array(n);
  const ids = new Map<string, number>();
  for (let i = 0; i < n; i++) {
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
    cellId[i] = id;
    const s = enc.spec[i]!;
    if (d.role[s] === ROLE_PROFILED) {
      const p = 1 / (1 + Math.exp(-(u[s]! + e)));
      const w = enc.weight[i]!;
      r0[i] = w * (enc.passed[i]! - p);
      v0[i] = w * p * (1 - p);
    }
  }
  // Cells per spec, by a counting sort of each spec's positions (order of first appearance kept).
  const S = d.S;
  const { start, order } = groups;
  const posInSpec = new Int32Array(n).fill(-1);
  const cellOf = new Int32Array(n);
  const specCell = new Int32Array(S + 1);
  const local = new Int32Array(ids.size).fill(-1);
  const cellIds: number[] = [];
  const cellStarts: number[] = [0];
  const cellPos = new Int32Array(order.length);
  const counts: number[] = [];
  const r = new Float64Array(order.length);
  const v = new Float64Array(order.length);
  for (let s = 0; s < S; s++) {
    const from = start[s]!;
    const T = start[s + 1]! - from;
    const first = cellIds.length;
    counts.length = 0;
    for (let t = 0; t < T; t++) {
      const i = order[from + t]!;
      posInSpec[i] = t;
      r[from + t] = r0[i]!;
      v[from + t] = v0[i]!;
      const id = cellId[i]!;
      if (local[id]! < 0) {
        local[id] = counts.length;
        cellIds.push(id);
        counts.push(0);
      }
      cellOf[i] = local[id]!;
      counts[local[id]!]!++;
    }
    const base = from;
    let at = base;
    const fillAt: number[] = [];
    for (let c = 0; c < counts.length; c++) {
      fillAt.push(at);
      at += counts[c]!;
      cellStarts.push(at);
    }
    for (let t = 0; t < T; t++) cellPos[fillAt[cellOf[order[from + t]!]!]!++] = t;
    for (let c = first; c < cellIds.length; c++) local[cellIds[c]!] = -1;
    specCell[s + 1] = cellIds.length;
  }
  const K = state.nudgeKeys.length;
  const colStart = new Int32Array(K + 1);
  for (let j = 0; j < enc.nudgeIdx.length; j++) colStart[enc.nudgeIdx[j]! + 1]!++;
  for (let k = 0; k < K; k++) colStart[k + 1] = colStart[k + 1]! + colStart[k]!;
  const colRuns = new Int32Array(enc.nudgeIdx.length);
  const fill = colStart.slice(0, K);
  for (let i = 0; i < n; i++) for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) colRuns[fill[enc.nudgeIdx[j]!]!++] = i;
  return { groups, offset, r, v, posInSpec, cellOf, specCell, cellStart: Int32Array.from(cellStarts), cellPos, colStart, colRuns };
}

/** A spec in one claim's placebo. */
interface SpecData {
  spec: number;
  conditional: boolean;
  T: number;
  /** Where the spec's positions start in the context's r and v (groups.start). */
  at: number;
  /** Sum of v (profiled). */
  V: number;
  /** Cov(y | passes) x the spec's weight (conditional), T x T. */
  cov: Float64Array;
  /** Positions with the nudge, ascending; the first's index in the claim's scratch. */
  withPos: Int32Array;
  first: number;
}

/** Buffers of one claim, grown as needed and reused across claims. */
class ClaimScratch {
  /** Positions with the nudge, and the context's r and v there before the claim overwrote them. */
  withPos = new Int32Array(1024);
  savedR = new Float64Array(1024);
  savedV = new Float64Array(1024);
  cellWith = new Int32Array(0);
  reserve(withRuns: number, cells: number): void {
    if (this.withPos.length < withRuns) {
      this.withPos = new Int32Array(2 * withRuns);
      this.savedR = new Float64Array(2 * withRuns);
      this.savedV = new Float64Array(2 * withRuns);
    }
    if (this.cellWith.length < cells) this.cellWith = new Int32Array(cells);
  }
}

const scratches = new WeakMap<PlaceboContext, ClaimScratch>();

/**
 * How many of the permuted labellings of column k the real labels' effect beats in direction
 * `sign` (+1 beneficial, -1 harmful).
 */
export function placeboBeaten(enc: EncodedRuns, d: WithinDesign, ctx: PlaceboContext, state: AdjustedState, k: number, sign: number): number {
  const { groups, offset, posInSpec, cellOf, specCell, cellStart, cellPos } = ctx;
  let scratch = scratches.get(ctx);
  if (!scratch) scratches.set(ctx, (scratch = new ClaimScratch()));
  const bk = state.params.b[k]!;
  const kernel = new ConditionalSpec();
  // The runs with the nudge (weighted ones: the groups hold no others), by spec: the specs
  // where it was used are the only ones that can have runs with and without it.
  const c0 = ctx.colStart[k]!;
  const c1 = ctx.colStart[k + 1]!;
  const bySpec = new Map<number, number[]>();
  for (let j = c0; j < c1; j++) {
    const i = ctx.colRuns[j]!;
    if (posInSpec[i]! < 0) continue;
    const s = enc.spec[i]!;
    let list = bySpec.get(s);
    if (!list) bySpec.set(s, (list = []));
    list.push(i);
  }
  const chosenSpecs = [...bySpec.keys()].sort((a, b) => a - b).filter((s) => {
    const T = groups.start[s + 1]! - groups.start[s]!;
    const m = bySpec.get(s)!.length;
    return d.role[s] !== ROLE_NONE && m > 0 && m < T;
  });
  let longest = 1;
  for (const s of chosenSpecs) longest = Math.max(longest, groups.start[s + 1]! - groups.start[s]!);
  scratch.reserve(c1 - c0, cellStart.length);
  const { withPos, savedR, savedV, cellWith } = scratch;
  const { r, v } = ctx;
  const specs: SpecData[] = [];
  let withAt = 0;
  for (const s of chosenSpecs) {
    const from = groups.start[s]!;
    const T = groups.start[s + 1]! - from;
    const list = bySpec.get(s)!;
    // Runs of a spec are in ascending order in its group, so these positions ascend too.
    const w0 = withAt;
    for (const i of list) {
      withPos[withAt++] = posInSpec[i]!;
      cellWith[specCell[s]! + cellOf[i]!]!++;
    }
    const data: SpecData = { spec: s, conditional: d.role[s] === ROLE_CONDITIONAL, T, at: from, V: 0, cov: new Float64Array(0), withPos: withPos.subarray(w0, withAt), first: w0 };
    if (d.role[s] === ROLE_PROFILED) {
      // Runs with the nudge, at the fit with its effect removed (the fit's values kept to put back).
      const u = state.params.u[s]!;
      for (let x = w0; x < withAt; x++) {
        const i = list[x - w0]!;
        const at = from + withPos[x]!;
        savedR[x] = r[at]!;
        savedV[x] = v[at]!;
        const p = 1 / (1 + Math.exp(-(u + offset[i]! - bk)));
        const w = enc.weight[i]!;
        r[at] = w * (enc.passed[i]! - p);
        v[at] = w * p * (1 - p);
      }
      let V = 0;
      for (let t = 0; t < T; t++) V += v[from + t]!;
      data.V = V;
    } else {
      // A conditional spec's entries of r are its own (unused by the fit's): written, not put back.
      const eta = new Float64Array(T);
      const y = new Float64Array(T);
      for (let t = 0; t < T; t++) {
        const i = groups.order[from + t]!;
        eta[t] = offset[i]!;
        y[t] = enc.passed[i]!;
      }
      for (const i of list) eta[posInSpec[i]!] = offset[i]! - bk;
      kernel.evaluate(eta, y, T, true);
      const w = d.cond.weight[condIndex(d, s)]!;
      const cov = kernel.cov.slice(0, T * T);
      if (w !== 1) for (let a = 0; a < T * T; a++) cov[a] = cov[a]! * w;
      data.cov = cov;
      for (let t = 0; t < T; t++) r[from + t] = w * (y[t]! - kernel.pi[t]!);
    }
    specs.push(data);
  }
  if (specs.length === 0) return 0;
  const chosen = new Int32Array(longest);
  // The real labels' effect: U and I summed over the specs in order.
  let U = 0;
  let I = 0;
  for (const sd of specs) {
    addSpec(sd, sd.withPos, sd.withPos.length, r, v, U, I);
    U = sums[0];
    I = sums[1];
  }
  const real = I > 0 ? U / I : 0;
  // The permuted labellings. Permutation p takes, spec after spec and cell after cell, the next
  // draws of one seeded stream; they are taken here spec by spec instead (all permutations of a
  // spec while its positions and values are in cache: perm by perm, every spec's fell out of it
  // between permutations), each draw read at its index in the stream (mulberry32At). Each
  // permutation's sums still add the same terms in the same order, so the results are the same.
  const seed = seedFrom(`placebo:${state.nudgeKeys[k]}:${enc.n}`);
  const draws = withAt;
  const permU = new Float64Array(PLACEBO_PERMUTATIONS);
  const permI = new Float64Array(PLACEBO_PERMUTATIONS);
  const swaps = new Int32Array(longest);
  let before = 0;
  for (const sd of specs) {
    for (let perm = 0; perm < PLACEBO_PERMUTATIONS; perm++) {
      let index = perm * draws + before;
      let m = 0;
      for (let c = specCell[sd.spec]!; c < specCell[sd.spec + 1]!; c++) {
        const mc = cellWith[c]!;
        if (mc === 0) continue;
        const p0 = cellStart[c]!;
        const n = cellStart[c + 1]! - p0;
        // The first mc of a partial Fisher-Yates shuffle: a uniformly random mc of the cell's
        // runs. Done in place and undone after, so the cell's positions start each draw in order.
        for (let t = 0; t < mc; t++) {
          const j = t + Math.floor(mulberry32At(seed, index++) * (n - t));
          swaps[t] = j;
          const tmp = cellPos[p0 + t]!;
          cellPos[p0 + t] = cellPos[p0 + j]!;
          cellPos[p0 + j] = tmp;
          chosen[m++] = cellPos[p0 + t]!;
        }
        for (let t = mc - 1; t >= 0; t--) {
          const j = swaps[t]!;
          const tmp = cellPos[p0 + t]!;
          cellPos[p0 + t] = cellPos[p0 + j]!;
          cellPos[p0 + j] = tmp;
        }
      }
      addSpec(sd, chosen, m, r, v, permU[perm]!, permI[perm]!);
      permU[perm] = sums[0];
      permI[perm] = sums[1];
    }
    before += sd.withPos.length;
  }
  let beaten = 0;
  for (let perm = 0; perm < PLACEBO_PERMUTATIONS; perm++) {
    const placebo = permI[perm]! > 0 ? permU[perm]! / permI[perm]! : 0;
    // Strictly better, beyond rounding: a labelling the permutation cannot change is a tie.
    if (sign * (real - placebo) > 1e-9 * (Math.abs(real) + Math.abs(placebo) + 1e-12)) beaten++;
  }
  // Put back the fit's values and clear the cell counts, for the next claim.
  for (const sd of specs) {
    if (!sd.conditional) {
      for (let x = 0; x < sd.withPos.length; x++) {
        r[sd.at + sd.withPos[x]!] = savedR[sd.first + x]!;
        v[sd.at + sd.withPos[x]!] = savedV[sd.first + x]!;
      }
    }
    for (let c = specCell[sd.spec]!; c < specCell[sd.spec + 1]!; c++) cellWith[c] = 0;
  }
  return beaten;
}

/** addSpec's result: the labelling's U and I so far. */
const sums: [number, number] = [0, 0];

/**
 * Adds one spec's terms, for the labelling given by the m positions in `chosen`, to a
 * labelling's running U and I: each term added to the running sums in turn (not a spec's
 * subtotal), so that the sums are those of one pass over every spec. Result in `sums`.
 */
function addSpec(sd: SpecData, chosen: Int32Array, m: number, r: Float64Array, v: Float64Array, U: number, I: number): void {
  const T = sd.T;
  const base = sd.at;
  if (sd.conditional) {
    for (let a = 0; a < m; a++) {
      const pa = chosen[a]!;
      U += r[base + pa]!;
      for (let c = 0; c < m; c++) I += sd.cov[pa * T + chosen[c]!]!;
    }
  } else {
    let vz = 0;
    for (let a = 0; a < m; a++) {
      U += r[base + chosen[a]!]!;
      vz += v[base + chosen[a]!]!;
    }
    I += vz - (vz * vz) / sd.V;
  }
  sums[0] = U;
  sums[1] = I;
}

function condIndex(d: WithinDesign, s: number): number {
  // Conditional specs are listed ascending (within.ts).
  let lo = 0;
  let hi = d.cond.specs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d.cond.specs[mid]! < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
