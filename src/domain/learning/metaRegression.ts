import { upperRegularizedGamma } from '../math';
import type { Heterogeneity } from './heterogeneity';

/**
 * The per-nudge random-effects meta-regressions of heterogeneity.ts: each spec's own one-step
 * effect of a nudge on the spec's propensity to use it, with Cochran's Q split into the part
 * along usage and the rest. See heterogeneity.ts for what they are for.
 */
const GAMMA_PRIOR_PRECISION = 1 / 4;

/** Chi-square survival function. */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) return Number.NaN;
  if (!(x > 0)) return 1;
  return upperRegularizedGamma(df / 2, x / 2);
}

/**
 * Every (spec, column) pair where the column appears: counts, the spec's AME weight, and its own
 * estimate, written straight into column order (each column's pairs in the order pushed, i.e.
 * spec order), so that each column's loops below read memory in sequence. The caller counts each
 * column's pairs first (heterogeneity.ts), so the arrays are allocated once at their size.
 * Pushed in spec order and then moved into column order, the same pairs took 100 bytes each in
 * nine arrays of fresh memory; here 24 bytes in four (a spec's runs and weight are kept once). Fresh memory is what cost: on the machine
 * the benchmarks run on, first touching a page costs ~16 us (4 ms per MB, measured in node).
 */
export class ColumnPairs {
  /** Column k's pairs are at start[k] .. start[k + 1]. */
  readonly start: Int32Array;
  private readonly fill: Int32Array;
  /** Runs of the spec with the column, and the spec (whose runs and AME weight are per spec). */
  readonly m: Int32Array;
  readonly spec: Int32Array;
  /** One-step estimate and information (0 when the spec says nothing about the column). */
  readonly beta: Float64Array;
  readonly info: Float64Array;
  /** Each spec's runs and AME weight (the caller sets them before pushing its pairs). */
  readonly specT: Int32Array;
  readonly specA: Float64Array;
  /**
   * The calibrated propensity of the pairs of the column being regressed, pair r at
   * usage[r - usageBase] (metaRegressions fills it column by column, so one column's worth).
   */
  usage = new Float64Array(0);
  usageBase = 0;

  /** counts[k]: the pairs that will be pushed for column k; S: the specs. */
  constructor(counts: Int32Array, S: number) {
    const K = counts.length;
    this.start = new Int32Array(K + 1);
    for (let k = 0; k < K; k++) this.start[k + 1] = this.start[k]! + counts[k]!;
    this.fill = this.start.slice(0, K);
    const P = this.start[K]!;
    this.m = new Int32Array(P);
    this.spec = new Int32Array(P);
    this.beta = new Float64Array(P);
    this.info = new Float64Array(P);
    this.specT = new Int32Array(S);
    this.specA = new Float64Array(S);
  }

  push(col: number, spec: number, m: number, beta: number, info: number): void {
    const at = this.fill[col]!++;
    this.m[at] = m;
    this.spec[at] = spec;
    this.beta[at] = beta;
    this.info[at] = info;
  }
}

/** Spec-level totals the propensities need: run counts and AME weights by spec size. */
export interface Totals {
  totalA: number;
  totalA2: number;
  specs: number;
  runs: number;
  runs2: number;
  /** Sum of AME weights of the specs with T runs, by T. */
  aBySize: Map<number, number>;
}

/**
 * Each spec's propensity to use column k: the posterior mean of a beta-binomial whose mean and
 * overdispersion are estimated by moments over every spec (those without the column count as 0
 * of T). Fills t.usage for the column's rows and returns the AME-weighted mean propensity c.
 */
function propensities(rows: Int32Array, t: ColumnPairs, totals: Totals): number {
  let M = 0;
  let m2 = 0;
  let presentA = 0;
  for (let ix = 0; ix < rows.length; ix++) {
    const r = rows[ix]!;
    M += t.m[r]!;
    m2 += (t.m[r]! * t.m[r]!) / t.specT[t.spec[r]!]!;
  }
  const N = totals.runs;
  const pi = M / N;
  // Sum over specs of T (share - pi)^2, absent specs included (share 0).
  const spread = m2 - 2 * pi * M + pi * pi * N;
  const base = pi * (1 - pi);
  const denom = N - totals.runs2 / N;
  const rho = base > 0 && denom > 0 ? Math.min(0.999, Math.max(0, (spread / base - (totals.specs - 1)) / denom)) : 0;
  let weighted = 0;
  if (rho <= 1e-9) {
    for (let ix = 0; ix < rows.length; ix++) {
      const r = rows[ix]!;
      t.usage[r - t.usageBase] = pi;
    }
    return pi;
  }
  const prior = (1 - rho) / rho;
  for (let ix = 0; ix < rows.length; ix++) {
    const r = rows[ix]!;
    t.usage[r - t.usageBase] = (t.m[r]! + pi * prior) / (t.specT[t.spec[r]!]! + prior);
    weighted += t.specA[t.spec[r]!]! * t.usage[r - t.usageBase]!;
    presentA += t.specA[t.spec[r]!]! / (t.specT[t.spec[r]!]! + prior);
  }
  // Specs without the column: propensity pi prior / (T + prior), by spec size.
  let absent = 0;
  for (const [T, a] of totals.aBySize) absent += a / (T + prior);
  absent -= presentA;
  return (weighted + Math.max(0, absent) * pi * prior) / totals.totalA;
}

export function metaRegressions(K: number, t: ColumnPairs, totals: Totals, slope: Float64Array, lapVar: Float64Array): Heterogeneity {
  const out: Heterogeneity = {
    specs: new Int32Array(K),
    q: new Float64Array(K).fill(Number.NaN),
    df: new Int32Array(K),
    p: new Float64Array(K).fill(Number.NaN),
    tau: new Float64Array(K),
    gamma: new Float64Array(K),
    shift: new Float64Array(K),
    widen: new Float64Array(K).fill(1),
  };
  const { start } = t;
  // Each column's pairs by position, and those that inform it (reused from column to column).
  let most = 0;
  for (let k = 0; k < K; k++) most = Math.max(most, start[k + 1]! - start[k]!);
  const positions = new Int32Array(most);
  const informed = new Int32Array(most);
  t.usage = new Float64Array(most);
  for (let k = 0; k < K; k++) {
    const count = start[k + 1]! - start[k]!;
    if (count === 0) continue;
    for (let x = 0; x < count; x++) positions[x] = start[k]! + x;
    const present = positions.subarray(0, count);
    t.usageBase = start[k]!;
    const c = propensities(present, t, totals);
    let m = 0;
    for (let x = 0; x < present.length; x++) if (t.info[present[x]!]! > 0) informed[m++] = present[x]!;
    const rows = informed.subarray(0, m);
    out.specs[k] = m;
    if (m < 2) continue;
    let informedA2 = 0;
    for (let ix = 0; ix < rows.length; ix++) {
      const r = rows[ix]!;
      informedA2 += t.specA[t.spec[r]!]! * t.specA[t.spec[r]!]!;
    }
    // Fixed-effect mean and Cochran's Q.
    let sI = 0;
    let sIB = 0;
    for (let ix = 0; ix < rows.length; ix++) {
      const r = rows[ix]!;
      sI += t.info[r]!;
      sIB += t.info[r]! * t.beta[r]!;
    }
    const fe = sIB / sI;
    let q = 0;
    for (let ix = 0; ix < rows.length; ix++) {
      const r = rows[ix]!;
      q += t.info[r]! * (t.beta[r]! - fe) ** 2;
    }
    out.q[k] = q;
    out.df[k] = m - 1;
    out.p[k] = heterogeneityP(rows, t, fe, q, m);
    // tau^2 by moments around the tau = 0 meta-regression.
    const fit0 = wls(rows, t, c, 0);
    let qe = 0;
    for (let ix = 0; ix < rows.length; ix++) {
      const r = rows[ix]!;
      qe += t.info[r]! * (t.beta[r]! - fit0.mu - fit0.gamma * (t.usage[r - t.usageBase]! - c)) ** 2;
    }
    const tau2 = m > 2 ? Math.max(0, (qe - (m - 2)) / fit0.traceTerm) : 0;
    const fit = wls(rows, t, c, tau2);
    out.tau[k] = Math.sqrt(tau2);
    out.gamma[k] = fit.gamma;
    // The AME is sum_s a_s beta_s over every spec. Under the random-effects line its posterior
    // mean is sum a_s line_s (= totalA mu, since c is the a-weighted mean propensity) plus each
    // informative spec's shrunken deviation; its variance is the specs' own posterior variances
    // (lambda_s / I_s, or tau^2 for specs that say nothing) plus the line's, h^T Cov(mu, gamma) h.
    let dev = 0;
    let own = 0;
    let h0 = totals.totalA;
    let h1 = 0;
    for (let ix = 0; ix < rows.length; ix++) {
      const r = rows[ix]!;
      const inv = 1 / t.info[r]!;
      const lambda = tau2 / (tau2 + inv);
      const a = t.specA[t.spec[r]!]!;
      dev += a * lambda * (t.beta[r]! - fit.mu - fit.gamma * (t.usage[r - t.usageBase]! - c));
      own += a * a * lambda * inv;
      h0 -= a * lambda;
      h1 -= a * lambda * (t.usage[r - t.usageBase]! - c);
    }
    const uninformedA2 = Math.max(0, totals.totalA2 - informedA2);
    const sl = slope[k]!;
    const feVar = sl * sl * lapVar[k]!;
    if (!(feVar > 0)) continue;
    const lineVar = h0 * h0 * fit.i00 + 2 * h0 * h1 * fit.i01 + h1 * h1 * fit.i11;
    const reVar = own + tau2 * uninformedA2 + lineVar;
    // The same quantity under the fixed-effect model: (sum a)^2 / sum I. Their ratio widens the
    // FE interval, which keeps what the Laplace variance knows (other nudges, the prior).
    const feMetaVar = (totals.totalA * totals.totalA) / sI;
    out.shift[k] = sl * (fit.mu - fe) + dev;
    out.widen[k] = Math.sqrt(reVar / feMetaVar);
  }
  return out;
}

/**
 * The "varies by spec" test. Cochran's Q on m - 1 degrees of freedom is weak against the
 * alternative that matters most, an effect that grows with how much a spec uses the nudge, so
 * Q is split into the part along the usage propensity (1 df) and the rest (m - 2 df), each
 * tested at half the level (Bonferroni): the returned p is twice the smaller p-value, capped
 * at 1. Without spread in propensity (or with two specs) it is Q's own p-value.
 */
function heterogeneityP(rows: Int32Array, t: ColumnPairs, fe: number, q: number, m: number): number {
  let sI = 0;
  let sIx = 0;
  for (let ix = 0; ix < rows.length; ix++) {
    const r = rows[ix]!;
    sI += t.info[r]!;
    sIx += t.info[r]! * t.usage[r - t.usageBase]!;
  }
  const mean = sIx / sI;
  let sxx = 0;
  let sxy = 0;
  for (let ix = 0; ix < rows.length; ix++) {
    const r = rows[ix]!;
    const dx = t.usage[r - t.usageBase]! - mean;
    sxx += t.info[r]! * dx * dx;
    sxy += t.info[r]! * dx * (t.beta[r]! - fe);
  }
  if (m < 3 || !(sxx > 1e-12 * sI)) return chiSquareSurvival(q, m - 1);
  const qTrend = (sxy * sxy) / sxx;
  const pTrend = chiSquareSurvival(qTrend, 1);
  const pRest = chiSquareSurvival(Math.max(0, q - qTrend), m - 2);
  return Math.min(1, 2 * Math.min(pTrend, pRest));
}

/**
 * Weighted least squares of beta on (1, usage - c), weights 1 / (tau2 + 1 / info), gamma with
 * its N(0, 2^2) prior: mu, gamma, Var(mu), and the DerSimonian-Laird trace term at tau2 = 0.
 */
function wls(rows: Int32Array, t: ColumnPairs, c: number, tau2: number): { mu: number; gamma: number; i00: number; i01: number; i11: number; traceTerm: number } {
  let s00 = 0;
  let s01 = 0;
  let s11 = GAMMA_PRIOR_PRECISION;
  let r0 = 0;
  let r1 = 0;
  // For the moment estimator: sum w, and X^T W^2 X.
  let sw = 0;
  let w00 = 0;
  let w01 = 0;
  let w11 = 0;
  for (let ix = 0; ix < rows.length; ix++) {
    const r = rows[ix]!;
    const w = 1 / (tau2 + 1 / t.info[r]!);
    const x = t.usage[r - t.usageBase]! - c;
    s00 += w;
    s01 += w * x;
    s11 += w * x * x;
    r0 += w * t.beta[r]!;
    r1 += w * x * t.beta[r]!;
    sw += w;
    w00 += w * w;
    w01 += w * w * x;
    w11 += w * w * x * x;
  }
  const det = s00 * s11 - s01 * s01;
  const i00 = s11 / det;
  const i01 = -s01 / det;
  const i11 = s00 / det;
  const mu = i00 * r0 + i01 * r1;
  const gamma = i01 * r0 + i11 * r1;
  // tr((X^T W X + P)^{-1} X^T W^2 X)
  const trace = i00 * w00 + 2 * i01 * w01 + i11 * w11;
  return { mu, gamma, i00, i01, i11, traceTerm: Math.max(sw - trace, 1e-12) };
}
