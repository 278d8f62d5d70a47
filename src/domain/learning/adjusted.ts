import { ValidationError } from '../errors';
import { runsBySpec } from './bySpec';
import { columnPenalties, isAdjustmentKey, PRIOR_PRECISION } from './adjustment';
import { Progress, type OnProgress, type ShouldCancel } from './cancel';
import type { EncodedRuns } from './encode';
import { specIntercepts, type SpecIntercepts } from './intercepts';
import { covarianceDiagonal, keptCovariance, type KeptCovariance } from './keptCovariance';
import { nudgeVariances, scratchFor, type Scratch } from './blockSolve';
import type { BlockFactor, Penalties } from './laplace';
import { fitLogistic, type Params } from './logistic';
import { heterogeneity, type Heterogeneity } from './heterogeneity';
import { ameTrack, type AmeTrack } from './marginal';
import { currentIntercepts, type PendingIntercepts } from './pendingIntercepts';
import { checksOf, type Checks, type RefutationState } from './refute';
import { robustInflation } from './robust';
import { PROFILED_SPEC_PENALTY, withinDesign, type WithinDesign } from './within';

/**
 * The adjusted estimate, the headline number of loop 1 (DOMAIN.md section 1):
 * 1. effects identified within specs (within.ts: the conditional likelihood for specs with few
 *    runs, an intercept of their own for specs with many), adjusted for the other nudges and
 *    for the nuisance terms (model, temperature band, month; adjustment.ts), each shrunk by its
 *    prior; Laplace posterior from the Hessian (logistic.ts, laplace.ts);
 * 2. each spec's intercept by empirical Bayes given those effects (intercepts.ts);
 * 3. each nudge's average marginal effect over the runs, with its 95% interval (marginal.ts).
 * adjustedUpdate.ts adds runs one at a time between full fits.
 */

export interface AdjustedOptions {
  /** Prior precision of a nudge's effect (log-odds). Default PRIOR_PRECISION.nudge = 1. */
  nudgePrecision?: number;
  /** Converged when no parameter moves by more than this (log-odds). Default 1e-6. */
  tol?: number;
  maxIter?: number;
  /** See logistic.ts: rebuild the Hessian while steps exceed this. Default 0.03. */
  refreshTol?: number;
  /** Runs sampled for early Hessians (logistic.ts); 0 uses all runs every time. Default 20000. */
  hessianSample?: number;
  /** Runs needed with and without a nudge before it is classified. Default 5 (DOMAIN.md). */
  minRuns?: number;
  shouldCancel?: ShouldCancel;
  /**
   * A previous fit to start from (matched by spec and column key; new keys start at 0). A refit
   * after a batch of updates then needs about three passes instead of six or seven.
   */
  warmStart?: AdjustedState;
  /**
   * Keep b's full covariance for the incremental updates that will follow (keptCovariance.ts):
   * the learner's refit does. Costs K^3 / 6 multiply-adds beyond the variances alone.
   */
  keepCovariance?: boolean;
}

/** What the estimates are adjusted for, to say so beside them. */
export interface AdjustmentSummary {
  /** Specs the effects are learned within (with both outcomes), by how: conditional or own intercept. */
  conditionalSpecs: number;
  profiledSpecs: number;
  /** Specs all of whose runs passed or all failed: no information about any effect. */
  uninformativeSpecs: number;
  /** Adjustment keys (model, temperature band, month) in the fit. */
  terms: string[];
  /** Empirical-Bayes spread of spec intercepts (log-odds sd) and their mean. */
  specSd: number;
  specMean: number;
}

export interface AdjustedState {
  /** Every column: nudges and adjustment terms (adjustment.ts). */
  nudgeKeys: string[];
  specKeys: string[];
  penalties: Penalties;
  minRuns: number;
  /** Row of each spec in the factor's intercept block (profiled specs), else -1. */
  rowOf: Int32Array;
  params: Params;
  factor: BlockFactor;
  /** Marginal posterior variance of each b_k (Laplace; what incremental updates shrink). */
  variance: Float64Array;
  /**
   * Each column's variance factor from the spec-clustered sandwich (robust.ts, >= 1): intervals
   * use variance x inflation, so that a world the logistic model does not describe is not
   * claimed with more certainty than its runs allow.
   */
  inflation: Float64Array;
  /** Runs with each column (counts), and all runs. */
  nWith: Float64Array;
  n: number;
  /** Specs in which each column varies while the outcome does too (where it is learned from). */
  informative: Int32Array;
  intercepts: SpecIntercepts;
  adjustment: AdjustmentSummary;
  ame: AmeTrack;
  /** How each effect varies by spec, and what that does to its AME (heterogeneity.ts). */
  heterogeneity: Heterogeneity;
  /** The refutation checks of the claims (refute.ts), once run on this fit. */
  refutation?: RefutationState;
  iterations: number;
  hessianPasses: number;
  sampledHessianPasses: number;
  converged: boolean;
  /** Runs added by updateAdjusted since the last full fit (a refit resets the approximation). */
  updatesSinceFit: number;
  /**
   * Of those, runs on specs without an intercept row (conditional or new specs): logged, but
   * their information waits for the next refit (adjustedUpdate.ts).
   */
  deferredRuns: number;
  /**
   * Intercept moves updateAdjusted has not yet written into params.u (see there); read the
   * intercepts through currentIntercepts. Absent after a full fit.
   */
  pendingIntercepts?: PendingIntercepts;
  /**
   * b's covariance, kept for incremental updates (keptCovariance.ts; built by the first of
   * them, or prepareUpdates). Once an update has run, it and not factor.lbb describes b.
   */
  covariance?: KeptCovariance;
  scratch: Scratch;
}

export type EffectClass = 'beneficial' | 'harmful' | 'uncertain' | 'not enough evidence';

export interface AdjustedEstimate {
  nudge: string;
  /** Column index in the state. */
  index: number;
  nWith: number;
  nWithout: number;
  /** Specs it is learned within (it varies there, and so does the outcome). */
  informativeSpecs: number;
  /** b_k and its Laplace standard error (log-odds). */
  logOdds: number;
  se: number;
  /** Average marginal effect and its 95% interval, in percentage points. */
  ame: number;
  lo: number;
  hi: number;
  classification: EffectClass;
  /** The refutation checks of a beneficial or harmful claim (null: no claim, or not checked yet). */
  checks: Checks | null;
}

function resolvePenalties(keys: readonly string[], nudgePrecision = PRIOR_PRECISION.nudge): Penalties {
  if (!(nudgePrecision > 0) || !Number.isFinite(nudgePrecision)) throw new ValidationError('nudgePrecision', 'must be a positive number');
  return { spec: PROFILED_SPEC_PENALTY, columns: columnPenalties(keys, nudgePrecision) };
}

/** Each run's linear predictor without its spec's intercept: the fitted effects of its columns. */
export function runOffsets(enc: EncodedRuns, b: Float64Array): Float64Array {
  const { n, offsets, nudgeIdx } = enc;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const j1 = offsets[i + 1]!;
    let e = 0;
    for (; j < j1; j++) e += b[nudgeIdx[j]!]!;
    out[i] = e;
  }
  return out;
}

/**
 * Each run's linear predictor with its spec's fitted intercept (0 for specs without one) and
 * with its empirical-Bayes intercept: per-spec values looked up once, arrays held in locals
 * (written inline in fitAdjusted this loop took ~60 ms over a million runs, now ~10).
 */
function linearPredictors(enc: EncodedRuns, d: WithinDesign, offset: Float64Array, u: Float64Array, mean: Float64Array): { eta1: Float64Array; eta2: Float64Array } {
  const { n, spec } = enc;
  const own = Float64Array.from(d.rowOf, (r, s) => (r >= 0 ? u[s]! : 0));
  const eta1 = new Float64Array(n);
  const eta2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = spec[i]!;
    const o = offset[i]!;
    eta1[i] = o + own[s]!;
    eta2[i] = o + mean[s]!;
  }
  return { eta1, eta2 };
}

/** Full fit. onProgress receives fractions in [0, 1]; shouldCancel aborts with CancelledError. */
export function fitAdjusted(enc: EncodedRuns, options: AdjustedOptions = {}, onProgress?: OnProgress): AdjustedState {
  const penalties = resolvePenalties(enc.nudgeKeys, options.nudgePrecision);
  const progress = new Progress(onProgress, options.shouldCancel);
  progress.report(0);
  const K = enc.nudgeKeys.length;
  const nWith = new Float64Array(K);
  for (let j = 0; j < enc.nudgeIdx.length; j++) nWith[enc.nudgeIdx[j]!] = nWith[enc.nudgeIdx[j]!]! + 1;
  const design = withinDesign(enc);
  const bySpec = runsBySpec(enc);
  const fit = fitLogistic(
    enc,
    design,
    {
      penalties,
      tol: options.tol ?? 1e-6,
      maxIter: options.maxIter ?? 50,
      refreshTol: options.refreshTol ?? 0.03,
      hessianSample: options.hessianSample ?? 20000,
      start: options.warmStart ? startFrom(options.warmStart, enc) : undefined,
    },
    progress,
    0.02,
    0.85,
    bySpec,
  );
  progress.report(0.85);
  const covariance = options.keepCovariance ? keptCovariance(fit.factor.lbb, fit.factor.K) : undefined;
  const variance = covariance ? covarianceDiagonal(covariance) : nudgeVariances(fit.factor);
  const inflation = robustInflation(enc, design, fit.params.b, fit.factor, variance);
  const robustVariance = variance.map((v, k) => v * inflation[k]!);
  const se = robustVariance.map(Math.sqrt);
  progress.report(0.88);
  const offset = runOffsets(enc, fit.params.b);
  const intercepts = specIntercepts(enc, design, offset, profiledSummary(design, fit.params, fit.factor, penalties), options.warmStart?.intercepts);
  progress.report(0.92);
  const { eta1, eta2 } = linearPredictors(enc, design, offset, fit.params.u, intercepts.mean);
  const ame = ameTrack(enc, eta2, fit.params.b, se, intercepts.variance);
  progress.report(0.95);
  const slope = Float64Array.from({ length: K }, (_, k) => ame.slope[3 * k]!);
  const informative = new Int32Array(K);
  const het = heterogeneity(enc, design, fit.params.b, eta1, eta2, slope, robustVariance, informative, bySpec);
  progress.report(1);
  return {
    nudgeKeys: [...enc.nudgeKeys],
    specKeys: [...enc.specKeys],
    penalties,
    minRuns: options.minRuns ?? 5,
    rowOf: design.rowOf,
    params: fit.params,
    factor: fit.factor,
    variance,
    inflation,
    nWith,
    n: enc.n,
    informative,
    intercepts,
    adjustment: summarise(enc, design, intercepts),
    ame,
    heterogeneity: het,
    iterations: fit.iterations,
    hessianPasses: fit.hessianPasses,
    sampledHessianPasses: fit.sampledHessianPasses,
    converged: fit.converged,
    updatesSinceFit: 0,
    deferredRuns: 0,
    scratch: scratchFor(fit.factor),
    covariance,
  };
}

function profiledSummary(d: WithinDesign, params: Params, f: BlockFactor, pen: Penalties) {
  const R = d.specOfRow.length;
  const curvature = new Float64Array(R);
  const uHat = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    curvature[r] = Math.max(f.lu[r]! * f.lu[r]! - pen.spec, 1e-9);
    uHat[r] = params.u[d.specOfRow[r]!]!;
  }
  return { spec: d.specOfRow, uHat, curvature };
}

function summarise(enc: EncodedRuns, d: WithinDesign, intercepts: SpecIntercepts): AdjustmentSummary {
  let uninformative = 0;
  for (let s = 0; s < d.S; s++) if (d.runs[s]! > 0 && d.role[s] === 0) uninformative++;
  return {
    conditionalSpecs: d.cond.specs.length,
    profiledSpecs: d.specOfRow.length,
    uninformativeSpecs: uninformative,
    terms: enc.nudgeKeys.filter(isAdjustmentKey),
    specSd: intercepts.sigma,
    specMean: intercepts.mu,
  };
}

/** A previous fit's parameters in this encoding's index space. */
function startFrom(prev: AdjustedState, enc: EncodedRuns): Params {
  const pick = (keys: readonly string[], known: readonly string[], values: Float64Array): Float64Array => {
    const at = new Map(known.map((k, i) => [k, i]));
    return Float64Array.from(keys, (k) => values[at.get(k) ?? -1] ?? 0);
  };
  return {
    u: pick(enc.specKeys, prev.specKeys, currentIntercepts(prev)),
    b: pick(enc.nudgeKeys, prev.nudgeKeys, prev.params.b),
  };
}

export function classifyEffect(nWith: number, nWithout: number, lo: number, hi: number, minRuns = 5): EffectClass {
  if (nWith < minRuns || nWithout < minRuns) return 'not enough evidence';
  if (lo > 0) return 'beneficial';
  if (hi < 0) return 'harmful';
  return 'uncertain';
}

/** One estimate per nudge (adjustment terms are not effects anyone applies, so they are left out). */
export function adjustedEstimates(state: AdjustedState): AdjustedEstimate[] {
  const { ame, params, variance, inflation, nWith, n } = state;
  const het = state.heterogeneity;
  const out: AdjustedEstimate[] = [];
  state.nudgeKeys.forEach((nudge, k) => {
    if (isAdjustmentKey(nudge)) return;
    // The FE AME and its mapped interval, moved and widened for how the effect varies by spec.
    const fe = ame.value[3 * k]!;
    const shift = het.shift[k] ?? 0;
    const widen = het.widen[k] ?? 1;
    const centre = fe + shift;
    const lo = 100 * (centre - (fe - ame.value[3 * k + 1]!) * widen);
    const hi = 100 * (centre + (ame.value[3 * k + 2]! - fe) * widen);
    const withCount = nWith[k]!;
    const classification = classifyEffect(withCount, n - withCount, lo, hi, state.minRuns);
    out.push({
      nudge,
      index: k,
      nWith: withCount,
      nWithout: n - withCount,
      informativeSpecs: state.informative[k] ?? 0,
      logOdds: params.b[k]!,
      se: Math.sqrt(variance[k]! * (inflation[k] ?? 1)),
      ame: 100 * centre,
      lo,
      hi,
      classification,
      checks: checksOf(state, k, classification),
    });
  });
  return out;
}

/**
 * The two lists priors are drawn from: beneficial by the interval's lower bound (best first),
 * harmful by its upper bound (worst first); ties by name so the order is stable.
 */
export function rankEffects<T extends { nudge: string; lo: number; hi: number; classification: EffectClass }>(
  estimates: readonly T[],
): { beneficial: T[]; harmful: T[] } {
  const byName = (a: T, b: T): number => (a.nudge < b.nudge ? -1 : a.nudge > b.nudge ? 1 : 0);
  return {
    beneficial: estimates.filter((e) => e.classification === 'beneficial').sort((a, b) => b.lo - a.lo || byName(a, b)),
    harmful: estimates.filter((e) => e.classification === 'harmful').sort((a, b) => a.hi - b.hi || byName(a, b)),
  };
}
