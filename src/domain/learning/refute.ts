import { mulberry32 } from '../random';
import { isAdjustmentKey } from './adjustment';
import type { AdjustedState, EffectClass } from './adjusted';
import { ConditionalSpec } from './conditional';
import type { EncodedRuns } from './encode';
import { solveBlock } from './blockSolve';
import { Z95 } from './marginal';
import { PLACEBO_PERMUTATIONS, placeboBeaten, placeboContext } from './placebo';
import { ROLE_CONDITIONAL, ROLE_NONE, ROLE_PROFILED, withinDesign, type WithinDesign } from './within';

/**
 * Refutation before a nudge becomes a prior (DOMAIN.md section 1, after DoWhy's refuters):
 *
 * - placebo (placebo.ts): the nudge's labels are permuted within each spec (among runs with
 *   the same model, temperature band, month and weeks; not the day), seeded, 100 times; each labelling's effect
 *   is measured as the real one's is. The claim stands only if the real effect beats 95 of the
 *   100 in its own direction: a permutation test that needs no model to be right, and that
 *   refutes a claim resting on something the adjustment could not tell apart from the nudge.
 *   It runs for the claims at the head of each list (PLACEBO_LIMIT per list; the prompt takes
 *   five), since each costs 100 passes over the nudge's specs.
 * - subset: the runs of every spec are split at random into two halves; each half's estimate
 *   (one Newton step from the full fit, with half the prior, so that the two halves' posteriors
 *   multiply back to the full one) must keep the sign and the verdict, judged at the full
 *   data's precision (a half needs half the runs with and without the nudge that the full data
 *   needs for a verdict). It runs for every
 *   nudge: two passes and two solves.
 * - varies by spec: Cochran's Q for the specs' own effects (heterogeneity.ts) must not reject
 *   homogeneity at 5%: a "Do" line goes into every prompt, so an effect that differs across
 *   specs should be looked at by a person first.
 *
 * Each check is at the 5% level for each nudge on its own. Across many nudges some true
 * effects fail by chance (a line left out, which is cheap) and a null nudge must slip past the
 * interval and all three checks to become a prior; `npm run bench:learn` reports how often.
 */
export { PLACEBO_PERMUTATIONS };
export const PLACEBO_TO_BEAT = 95;
export const PLACEBO_LIMIT = 20;
export const HETEROGENEITY_LEVEL = 0.05;
const SUBSET_SEED = 0x5eed;

const CLASS_CODE: Record<EffectClass, number> = { 'not enough evidence': 0, uncertain: 1, beneficial: 2, harmful: 3 };
const CODE_CLASS: EffectClass[] = ['not enough evidence', 'uncertain', 'beneficial', 'harmful'];

export interface RefutationState {
  /** Runs the checks were made on. */
  runs: number;
  /** Per column: permuted labellings the real effect beat in its direction, or -1 when not run. */
  placeboBeaten: Int16Array;
  /** Per column: the verdict on each half, codes at [2k] and [2k + 1]. */
  halves: Uint8Array;
}

/** 'not applicable': "varies by spec" with fewer than two specs to compare (one spec cannot vary). */
export type CheckOutcome = 'passed' | 'failed' | 'not run' | 'not applicable';

export interface Checks {
  placebo: CheckOutcome;
  subset: CheckOutcome;
  varies: CheckOutcome;
  /** Why a check failed or did not run, in words (empty when all passed). */
  reasons: string[];
  /** All three passed: the claim may become a prior. */
  prior: boolean;
  /** Details for display. */
  placeboBeaten: number;
  halves: [EffectClass, EffectClass] | null;
  heterogeneityP: number;
  /** Between-spec sd of the effect, log-odds. */
  tau: number;
}

/** Runs grouped by spec: order[start[s] .. start[s + 1]). */
function bySpec(enc: EncodedRuns, S: number): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(S + 1);
  for (let i = 0; i < enc.n; i++) if (enc.weight[i]! > 0) start[enc.spec[i]! + 1]!++;
  for (let s = 0; s < S; s++) start[s + 1] = start[s + 1]! + start[s]!;
  const order = new Int32Array(start[S]!);
  const fill = start.slice(0, S);
  for (let i = 0; i < enc.n; i++) if (enc.weight[i]! > 0) order[fill[enc.spec[i]!]!++] = i;
  return { start, order };
}

function offsetOf(enc: EncodedRuns, b: Float64Array, i: number): number {
  let e = 0;
  for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) e += b[enc.nudgeIdx[j]!]!;
  return e;
}

/**
 * The checks for the state's current claims, written into state.refutation. `enc` must be the
 * encoding the state was fitted on (same index spaces).
 */
export function refute(enc: EncodedRuns, state: AdjustedState, estimates: readonly { index: number; classification: EffectClass; lo: number; hi: number }[]): RefutationState {
  const d = withinDesign(enc);
  const groups = bySpec(enc, d.S);
  const K = state.nudgeKeys.length;
  const out: RefutationState = { runs: enc.n, placeboBeaten: new Int16Array(K).fill(-1), halves: new Uint8Array(2 * K) };
  subsetHalves(enc, d, groups, state, out);
  const claimed = (cls: EffectClass, order: (a: { lo: number; hi: number }, b: { lo: number; hi: number }) => number) =>
    estimates.filter((e) => e.classification === cls).sort(order).slice(0, PLACEBO_LIMIT);
  const beneficial = claimed('beneficial', (a, b) => b.lo - a.lo);
  const harmful = claimed('harmful', (a, b) => a.hi - b.hi);
  if (beneficial.length + harmful.length > 0) {
    const ctx = placeboContext(enc, state, d, groups);
    for (const e of beneficial) out.placeboBeaten[e.index] = placeboBeaten(enc, d, ctx, state, e.index, 1);
    for (const e of harmful) out.placeboBeaten[e.index] = placeboBeaten(enc, d, ctx, state, e.index, -1);
  }
  state.refutation = out;
  return out;
}

/** Half-verdicts of every column (see the file comment), into out.halves. */
function subsetHalves(enc: EncodedRuns, d: WithinDesign, groups: { start: Int32Array; order: Int32Array }, state: AdjustedState, out: RefutationState): void {
  const f = state.factor;
  const R = f.S;
  const K = f.K;
  const b = state.params.b;
  const half = new Uint8Array(enc.n);
  const rng = mulberry32(SUBSET_SEED ^ enc.n);
  const idx: number[] = [];
  for (let s = 0; s < d.S; s++) {
    const from = groups.start[s]!;
    const T = groups.start[s + 1]! - from;
    idx.length = 0;
    for (let t = 0; t < T; t++) idx.push(groups.order[from + t]!);
    for (let t = T - 1; t > 0; t--) {
      const j = Math.floor(rng() * (t + 1));
      [idx[t], idx[j]] = [idx[j]!, idx[t]!];
    }
    for (let t = 0; t < T; t++) half[idx[t]!] = t % 2;
  }
  const kernel = new ConditionalSpec();
  const counts = [new Float64Array(K), new Float64Array(K)];
  const totals = [0, 0];
  for (let i = 0; i < enc.n; i++) {
    if (!(enc.weight[i]! > 0)) continue;
    const h = half[i]!;
    totals[h]!++;
    for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) counts[h]![enc.nudgeIdx[j]!]!++;
  }
  const ru = new Float64Array(R);
  const rb = new Float64Array(K);
  const xu = new Float64Array(R);
  const xb = new Float64Array(K);
  const eta = new Float64Array(64);
  const y = new Float64Array(64);
  const members: number[] = [];
  const condSlot = new Int32Array(d.S).fill(-1);
  d.cond.specs.forEach((s, c) => (condSlot[s] = c));
  for (let h = 0; h < 2; h++) {
    ru.fill(0);
    rb.fill(0);
    for (let s = 0; s < d.S; s++) {
      const role = d.role[s];
      if (role === ROLE_NONE) continue;
      const from = groups.start[s]!;
      const T = groups.start[s + 1]! - from;
      if (role === ROLE_PROFILED) {
        const row = d.rowOf[s]!;
        for (let t = 0; t < T; t++) {
          const i = groups.order[from + t]!;
          if (half[i] !== h) continue;
          const p = 1 / (1 + Math.exp(-(state.params.u[s]! + offsetOf(enc, b, i))));
          const r = enc.weight[i]! * (enc.passed[i]! - p);
          ru[row] = ru[row]! + r;
          for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) rb[enc.nudgeIdx[j]!] = rb[enc.nudgeIdx[j]!]! + r;
        }
      } else if (role === ROLE_CONDITIONAL) {
        members.length = 0;
        for (let t = 0; t < T; t++) if (half[groups.order[from + t]!] === h) members.push(groups.order[from + t]!);
        const m = members.length;
        if (m < 2) continue;
        const etaT = m <= eta.length ? eta : new Float64Array(m);
        const yT = m <= y.length ? y : new Float64Array(m);
        members.forEach((i, t) => {
          etaT[t] = offsetOf(enc, b, i);
          yT[t] = enc.passed[i]!;
        });
        kernel.evaluate(etaT, yT, m, false);
        const w = d.cond.weight[condSlot[s]!]!;
        members.forEach((i, t) => {
          const r = w * (yT[t]! - kernel.pi[t]!);
          if (r === 0) return;
          for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) rb[enc.nudgeIdx[j]!] = rb[enc.nudgeIdx[j]!]! + r;
        });
      }
    }
    // Half the prior: the two halves' posteriors multiply back to the full one.
    for (let r = 0; r < R; r++) ru[r] = ru[r]! - 0.5 * state.penalties.spec * state.params.u[d.specOfRow[r]!]!;
    for (let k = 0; k < K; k++) rb[k] = rb[k]! - 0.5 * state.penalties.columns[k]! * b[k]!;
    solveBlock(f, ru, rb, xu, xb);
    const het = state.heterogeneity;
    for (let k = 0; k < K; k++) {
      if (isAdjustmentKey(state.nudgeKeys[k]!)) continue;
      const slope = state.ame.slope[3 * k]!;
      const centre = b[k]! + 2 * xb[k]! + (slope > 1e-9 ? (het.shift[k] ?? 0) / slope : 0);
      // The half's estimate is judged at the full data's precision: the check asks whether the
      // effect holds in each half, not whether half the runs alone can show it (at the half's
      // own width, sqrt(2) wider, an effect at z = 3 would fail on one half or the other two
      // times in three). A null that slipped past the full interval still fails half the time.
      const width = Z95 * Math.sqrt(state.variance[k]! * (state.inflation[k] ?? 1)) * (het.widen[k] ?? 1);
      const withK = counts[h]![k]!;
      // Half the runs: half the runs the full data needs before it gives a verdict.
      const need = Math.max(2, Math.ceil(state.minRuns / 2));
      let cls: EffectClass;
      if (withK < need || totals[h]! - withK < need) cls = 'not enough evidence';
      else if (centre - width > 0) cls = 'beneficial';
      else if (centre + width < 0) cls = 'harmful';
      else cls = 'uncertain';
      out.halves[2 * k + h] = CLASS_CODE[cls];
    }
  }
}

/** The checks of column k for a claim of class `cls`, from the state's refutation. */
export function checksOf(state: AdjustedState, k: number, cls: EffectClass): Checks | null {
  const ref = state.refutation;
  if (!ref || (cls !== 'beneficial' && cls !== 'harmful')) return null;
  const reasons: string[] = [];
  const beaten = ref.placeboBeaten[k] ?? -1;
  let placebo: CheckOutcome = 'not run';
  if (beaten < 0) reasons.push(`placebo not run (it runs for the top ${PLACEBO_LIMIT} of each list)`);
  else if (beaten >= PLACEBO_TO_BEAT) placebo = 'passed';
  else {
    placebo = 'failed';
    reasons.push(`placebo: beats ${beaten} of ${PLACEBO_PERMUTATIONS} labellings shuffled within specs (needs ${PLACEBO_TO_BEAT})`);
  }
  const h0 = CODE_CLASS[ref.halves[2 * k] ?? 0]!;
  const h1 = CODE_CLASS[ref.halves[2 * k + 1] ?? 0]!;
  const subset: CheckOutcome = h0 === cls && h1 === cls ? 'passed' : 'failed';
  if (subset === 'failed') reasons.push(`subset: on two random halves of the runs it is ${h0 === h1 ? h0 : `${h0} and ${h1}`}, not ${cls} on both`);
  const het = state.heterogeneity;
  const p = het.p[k] ?? Number.NaN;
  const tau = het.tau[k] ?? 0;
  let varies: CheckOutcome = 'not applicable';
  if (!Number.isFinite(p)) varies = 'not applicable';
  else if (p >= HETEROGENEITY_LEVEL) varies = 'passed';
  else {
    varies = 'failed';
    reasons.push(`varies by spec: its effect differs across specs (p = ${p < 0.001 ? '< 0.001' : p.toFixed(3)})`);
  }
  return { placebo, subset, varies, reasons, prior: placebo === 'passed' && subset === 'passed' && varies !== 'failed', placeboBeaten: beaten, halves: [h0, h1], heterogeneityP: p, tau };
}
