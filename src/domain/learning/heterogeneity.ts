import type { RunsBySpec } from './bySpec';
import type { EncodedRuns } from './encode';
import { ConditionalSpec } from './conditional';
import { ColumnPairs, metaRegressions, type Totals } from './metaRegression';

export { chiSquareSurvival } from './metaRegression';
import { ROLE_CONDITIONAL, ROLE_NONE, ROLE_PROFILED, type WithinDesign } from './within';

/**
 * When a nudge's effect differs from spec to spec (DOMAIN.md "Refutation": "varies by spec").
 *
 * The within-spec fit learns one effect b_k per nudge, a mean of the specs' own effects weighted
 * by how much each spec says about it: a spec where the nudge was used on half the runs says
 * far more than one where it was used once. When people use a nudge where it helps, those are
 * the same specs, and b_k describes them, not the runs at large. The estimand is the average
 * marginal effect over all runs (DOMAIN.md), so the interval must own up to that.
 *
 * Per nudge, each informative spec s (its runs differ in the nudge and in outcome) gives a
 * one-step estimate of its own effect, beta_s = b_k + g_s / I_s (g the spec's score for the
 * nudge at the fit, I its within-spec information), and its usage share xbar_s. Then:
 * - Cochran's Q = sum I_s (beta_s - mean)^2 on m - 1 degrees of freedom measures whether the
 *   specs' effects differ; the "varies by spec" flag tests its part along usage and the rest
 *   (heterogeneityP);
 * - a random-effects meta-regression, beta_s ~ N(mu + gamma (xbar_s - c), tau^2 + 1 / I_s),
 *   lets the effect depend on how much the nudge is used (a correlated random coefficient:
 *   "used where it helps" is exactly gamma != 0), with tau^2 by the method of moments
 *   (DerSimonian-Laird, for a meta-regression) and gamma ~ N(0, 2^2) (effects rarely move by
 *   more than 2 log-odds between a spec that never uses a nudge and one that always does).
 *   The usage covariate is each spec's propensity to use the nudge, estimated by empirical
 *   Bayes (a beta-binomial over specs; regression calibration): a share from three runs is
 *   mostly noise, and when usage does not vary between specs beyond that noise every spec's
 *   propensity is the same and there is nothing to extrapolate. c is the propensity averaged
 *   the way the AME averages (by each spec's runs' sigma'), so mu is the effect at the AME's
 *   centre of gravity, which the FE mean is not when usage and effect go together;
 *   extrapolating to specs that never or always use the nudge costs variance, as it should.
 * The AME over the runs is sum_s a_s beta_s (a_s: the spec's runs' sigma', over all runs), a
 * finite-population quantity. Its posterior under the random-effects line moves the AME by
 * slope x (mu - FE mean) plus the specs' shrunken deviations, and its variance over the FE
 * model's widens the FE interval. With no heterogeneity and usage that does not vary between
 * specs this is exactly the FE interval; random heterogeneity alone barely widens it (each
 * spec's own data stand for it); what widens it is extrapolating to specs that used the nudge
 * more or less than those it was learned on, and specs that say nothing about it.
 */
export interface Heterogeneity {
  /** Informative specs per column. */
  specs: Int32Array;
  /** Cochran's Q, its degrees of freedom and p-value (NaN with fewer than 2 informative specs). */
  q: Float64Array;
  df: Int32Array;
  p: Float64Array;
  /** Between-spec sd of the effect (log-odds) and the effect's slope on usage share. */
  tau: Float64Array;
  gamma: Float64Array;
  /** AME shift (probability scale) and interval widening factor (>= ~1), per column. */
  shift: Float64Array;
  widen: Float64Array;
}

const MIN_INFO = 1e-6;



/**
 * eta1: each run's linear predictor in the within fit (profiled specs: with their own
 * intercept); eta2: with the empirical-Bayes intercept (intercepts.ts), for the AME weights.
 * slope[k]: dAME_k/db_k at the estimate; lapVar[k]: the Laplace variance of b_k.
 * varies[k] (zeroed, length K) receives what informativeSpecs (within.ts) counts, the specs with
 * both outcomes whose runs differ in column k: the same walk over the specs finds them.
 */
export function heterogeneity(
  enc: EncodedRuns,
  d: WithinDesign,
  b: Float64Array,
  eta1: Float64Array,
  eta2: Float64Array,
  slope: Float64Array,
  lapVar: Float64Array,
  varies: Int32Array,
  by: RunsBySpec,
): Heterogeneity {
  const K = d.K;
  const S = d.S;
  const { offsets, nudgeIdx, passed, weight } = enc;
  // Runs grouped by spec, in storage order within each (bySpec.ts).
  const { start, run: order, position } = by;
  // Per run and per spec, in storage order (sequential reads): each spec's AME weight sum
  // w p (1 - p) at eta2, and for specs with an intercept of their own each run's residual and
  // curvature at eta1, written at the run's place in spec order for the walk below.
  let W = 0;
  const aSpec = new Float64Array(S);
  const vSpec = new Float64Array(S);
  const resRun = new Float64Array(order.length);
  const vRun = new Float64Array(order.length);
  for (let i = 0; i < enc.n; i++) {
    const w = weight[i]!;
    W += w;
    if (!(w > 0)) continue;
    const s = enc.spec[i]!;
    const p = 1 / (1 + Math.exp(-eta2[i]!));
    aSpec[s] = aSpec[s]! + w * p * (1 - p);
    if (d.role[s] === ROLE_PROFILED) {
      const p1 = 1 / (1 + Math.exp(-eta1[i]!));
      const x = position[i]!;
      resRun[x] = w * (passed[i]! - p1);
      vRun[x] = w * p1 * (1 - p1);
      vSpec[s] = vSpec[s]! + vRun[x]!;
    }
  }
  const totals: Totals = { totalA: 0, totalA2: 0, specs: 0, runs: 0, runs2: 0, aBySize: new Map() };
  // One pair per column a spec's runs use: counted first, so that the pairs are written
  // straight into column order at their final size (metaRegression.ts ColumnPairs).
  // The runs' columns are byte deltas (bySpec.ts): k restarts at -1 with each run.
  const { offsets: byOffsets, deltas } = by;
  const pairsOf = new Int32Array(K);
  const lastSpec = new Int32Array(K).fill(-1);
  for (let s = 0; s < S; s++) {
    for (let x = start[s]!; x < start[s + 1]!; x++) {
      let k = -1;
      for (let j = byOffsets[x]!; j < byOffsets[x + 1]!; j++) {
        const d = deltas[j]!;
        k += d;
        if (d === 255 || lastSpec[k] === s) continue;
        lastSpec[k] = s;
        pairsOf[k]!++;
      }
    }
  }
  const t = new ColumnPairs(pairsOf, S);
  const count = new Int32Array(K);
  const g = new Float64Array(K);
  const touched: number[] = [];
  const kernel = new ConditionalSpec();
  let etaBuf = new Float64Array(64);
  let yBuf = new Float64Array(64);
  const positions = new Map<number, number[]>();
  const condSlot = new Int32Array(S).fill(-1);
  d.cond.specs.forEach((s, c) => (condSlot[s] = c));
  // Specs without a conditional likelihood (most runs, when specs have many) are summed one
  // spec at a time into a row of K entries that stays in the core's cache, reading the spec's
  // runs from the copy in spec order (bySpec.ts), so the sums are added in the same order as a
  // pass over the log. Earlier the sums were kept for bands of 32 specs (a 768 kB tile, missed on
  // most of its 20 million updates) over runs scattered through the log: with the meta-regressions'
  // copies made monomorphic (metaRegression.ts), this function went from 1.3-1.4 s to 0.7-0.85 s
  // of CPU on a million runs x 1,000 nudges x 1,000 specs (a shared 2-core machine at load ~15).
  // Per entry, interleaved (one cache line, not three): runs with the column, residual sum, curvature sum.
  const tile = new Float64Array(3 * K);
  // The spec's columns in the order first met (at most K).
  const met = new Int32Array(K);
  const pushPair = (k: number, s: number, m: number, T: number, res: number, info: number): void => {
    const informative = m < T && info > MIN_INFO;
    t.push(k, s, m, informative ? b[k]! + res / info : 0, informative ? info : 0);
  };
  for (let s = 0; s < S; s++) {
    const from = start[s]!;
    const T = start[s + 1]! - from;
    if (T === 0) continue;
    const role = d.role[s];
    const a = aSpec[s]! / W;
    t.specA[s] = a;
    t.specT[s] = T;
    totals.totalA += a;
    totals.totalA2 += a * a;
    totals.specs++;
    totals.runs += T;
    totals.runs2 += T * T;
    totals.aBySize.set(T, (totals.aBySize.get(T) ?? 0) + a);
    if (role !== ROLE_CONDITIONAL) {
      let metCount = 0;
      for (let x = from; x < from + T; x++) {
        const res = resRun[x]!;
        const v = vRun[x]!;
        let k = -1;
        for (let j = byOffsets[x]!; j < byOffsets[x + 1]!; j++) {
          const d = deltas[j]!;
          k += d;
          if (d === 255) continue;
          const at = 3 * k;
          if (tile[at] === 0) met[metCount++] = k;
          tile[at] = tile[at]! + 1;
          tile[at + 1] = tile[at + 1]! + res;
          tile[at + 2] = tile[at + 2]! + v;
        }
      }
      const V = vSpec[s]!;
      for (let x = 0; x < metCount; x++) {
        const k = met[x]!;
        const at = 3 * k;
        const m = tile[at]!;
        const c = tile[at + 2]!;
        const info = role === ROLE_PROFILED ? c - (c * c) / V : 0;
        if (role !== ROLE_NONE && m < T) varies[k]!++;
        pushPair(k, s, m, T, tile[at + 1]!, info);
        tile[at] = 0;
        tile[at + 1] = 0;
        tile[at + 2] = 0;
      }
      continue;
    }
    if (T > etaBuf.length) {
      etaBuf = new Float64Array(2 * T);
      yBuf = new Float64Array(2 * T);
    }
    for (let r = 0; r < T; r++) {
      const i = order[from + r]!;
      let e = 0;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) e += b[nudgeIdx[j]!]!;
      etaBuf[r] = e;
      yBuf[r] = passed[i]!;
    }
    kernel.evaluate(etaBuf, yBuf, T, true);
    positions.clear();
    for (let r = 0; r < T; r++) {
      const i = order[from + r]!;
      const res = passed[i]! - kernel.pi[r]!;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
        const k = nudgeIdx[j]!;
        if (count[k]!++ === 0) touched.push(k);
        g[k] = g[k]! + res;
        let list = positions.get(k);
        if (!list) positions.set(k, (list = []));
        list.push(r);
      }
    }
    const condWeight = d.cond.weight[condSlot[s]!]!;
    for (const k of touched) {
      let info = 0;
      const list = positions.get(k)!;
      for (const p of list) for (const q of list) info += kernel.cov[p * T + q]!;
      info *= condWeight;
      if (count[k]! < T) varies[k]!++;
      pushPair(k, s, count[k]!, T, g[k]! * condWeight, info);
      count[k] = 0;
      g[k] = 0;
    }
    touched.length = 0;
  }
  return metaRegressions(K, t, totals, slope, lapVar);
}

