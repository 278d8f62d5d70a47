import { ValidationError } from '../errors';
import { Progress, type OnProgress, type ShouldCancel } from './cancel';
import type { EncodedRuns } from './encode';
import { nudgeVariances, scratchFor, type BlockFactor, type Penalties, type Scratch } from './laplace';
import { fitLogistic, type Params } from './logistic';
import { ameTrack, type AmeTrack } from './marginal';
import { currentIntercepts, type PendingIntercepts } from './pendingIntercepts';

/**
 * The adjusted estimate, the headline number of loop 1 (DOMAIN.md section 1): a penalised
 * logistic regression with per-spec intercepts, its Laplace posterior and each nudge's
 * average marginal effect in percentage points. See logistic.ts (fit), laplace.ts
 * (covariance), marginal.ts (AME and its interval) and adjustedUpdate.ts (one run at a time).
 */

/**
 * Default penalties, read as Gaussian prior precisions on the log-odds scale:
 * - nudge: 1, i.e. b_k ~ N(0, 1). Real prompt tweaks rarely move log-odds by more than 2
 *   (50% -> 88%); a unit prior keeps a nudge seen on three runs that all passed from being
 *   announced as +40 pp, and is negligible once a nudge has dozens of runs.
 * - spec: 0.25, i.e. u_s ~ N(0, 2^2) around the global intercept: specs genuinely range from
 *   "always fails" to "always passes", so difficulty is shrunk only gently (a spec with one
 *   run is pulled to the global rate, one with fifty keeps its own).
 * - mu: 1e-4, i.e. N(0, 100^2): effectively unpenalised, but keeps the Hessian positive
 *   definite when every run so far passed (or failed).
 */
export const DEFAULT_PENALTIES: Readonly<Penalties> = { mu: 1e-4, spec: 0.25, nudge: 1 };

export interface AdjustedOptions {
  penalties?: Partial<Penalties>;
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
   * A previous fit to start from (matched by spec and nudge key; new keys start at 0). A refit
   * after a batch of updates then needs about three passes instead of six or seven.
   */
  warmStart?: AdjustedState;
}

export interface AdjustedState {
  nudgeKeys: string[];
  specKeys: string[];
  penalties: Penalties;
  minRuns: number;
  params: Params;
  factor: BlockFactor;
  /** Marginal posterior variance of each b_k. */
  variance: Float64Array;
  /** Runs with each nudge (counts), and all runs. */
  nWith: Float64Array;
  n: number;
  ame: AmeTrack;
  iterations: number;
  hessianPasses: number;
  sampledHessianPasses: number;
  converged: boolean;
  /** Runs added by updateAdjusted since the last full fit (a refit resets the approximation). */
  updatesSinceFit: number;
  /**
   * Intercept moves updateAdjusted has not yet written into params.u (see there); read the
   * intercepts through currentIntercepts. Absent after a full fit.
   */
  pendingIntercepts?: PendingIntercepts;
  scratch: Scratch;
}

export type EffectClass = 'beneficial' | 'harmful' | 'uncertain' | 'not enough evidence';

export interface AdjustedEstimate {
  nudge: string;
  index: number;
  nWith: number;
  nWithout: number;
  /** b_k and its Laplace standard error (log-odds). */
  logOdds: number;
  se: number;
  /** Average marginal effect and its 95% interval, in percentage points. */
  ame: number;
  lo: number;
  hi: number;
  classification: EffectClass;
}

function resolvePenalties(p: Partial<Penalties> = {}): Penalties {
  const pen = { ...DEFAULT_PENALTIES, ...p };
  for (const [name, value] of Object.entries(pen)) {
    if (!(value > 0) || !Number.isFinite(value)) throw new ValidationError(`penalties.${name}`, 'must be a positive number');
  }
  return pen;
}

/** Full fit. onProgress receives fractions in [0, 1]; shouldCancel aborts with CancelledError. */
export function fitAdjusted(enc: EncodedRuns, options: AdjustedOptions = {}, onProgress?: OnProgress): AdjustedState {
  const penalties = resolvePenalties(options.penalties);
  const progress = new Progress(onProgress, options.shouldCancel);
  progress.report(0);
  const K = enc.nudgeKeys.length;
  const nWith = new Float64Array(K);
  for (let j = 0; j < enc.nudgeIdx.length; j++) nWith[enc.nudgeIdx[j]!] = nWith[enc.nudgeIdx[j]!]! + 1;
  const fit = fitLogistic(
    enc,
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
    0.9,
  );
  progress.report(0.9);
  const variance = nudgeVariances(fit.factor);
  const se = variance.map(Math.sqrt);
  progress.report(0.95);
  const ame = ameTrack(enc, fit.eta, fit.params.b, se, fit.etaRange);
  progress.report(1);
  return {
    nudgeKeys: [...enc.nudgeKeys],
    specKeys: [...enc.specKeys],
    penalties,
    minRuns: options.minRuns ?? 5,
    params: fit.params,
    factor: fit.factor,
    variance,
    nWith,
    n: enc.n,
    ame,
    iterations: fit.iterations,
    hessianPasses: fit.hessianPasses,
    sampledHessianPasses: fit.sampledHessianPasses,
    converged: fit.converged,
    updatesSinceFit: 0,
    scratch: scratchFor(fit.factor),
  };
}

/** A previous fit's parameters in this encoding's index space. */
function startFrom(prev: AdjustedState, enc: EncodedRuns): Params {
  const pick = (keys: readonly string[], known: readonly string[], values: Float64Array): Float64Array => {
    const at = new Map(known.map((k, i) => [k, i]));
    return Float64Array.from(keys, (k) => values[at.get(k) ?? -1] ?? 0);
  };
  return {
    mu: prev.params.mu,
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

export function adjustedEstimates(state: AdjustedState): AdjustedEstimate[] {
  const { ame, params, variance, nWith, n } = state;
  return state.nudgeKeys.map((nudge, k) => {
    const lo = 100 * ame.value[3 * k + 1]!;
    const hi = 100 * ame.value[3 * k + 2]!;
    const withCount = nWith[k]!;
    return {
      nudge,
      index: k,
      nWith: withCount,
      nWithout: n - withCount,
      logOdds: params.b[k]!,
      se: Math.sqrt(variance[k]!),
      ame: 100 * ame.value[3 * k]!,
      lo,
      hi,
      classification: classifyEffect(withCount, n - withCount, lo, hi, state.minRuns),
    };
  });
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
