import { adjustedEstimates, fitAdjusted, type AdjustedOptions } from './adjusted';
import type { EncodedRuns } from './encode';
import { rawEstimates } from './raw';
import { trueAme, type World } from './simulate';

/**
 * How well an estimator recovers the truth of a simulated world, on the same runs it saw.
 * Sign accuracy counts only nudges whose true effect is at least `thresholdPp` percentage
 * points either way (smaller effects have no meaningful sign at these sample sizes); a point
 * estimate of exactly 0 counts as wrong. Coverage: the share of nudges whose 95% interval
 * contains the true AME.
 */
export interface SignScore {
  correct: number;
  total: number;
  /** correct / total, or NaN when no nudge reaches the threshold. */
  accuracy: number;
}

export function signAccuracy(estimate: ArrayLike<number>, truth: ArrayLike<number>, thresholdPp = 5): SignScore {
  let correct = 0;
  let total = 0;
  for (let k = 0; k < truth.length; k++) {
    const t = truth[k]!;
    if (Math.abs(t) < thresholdPp) continue;
    total++;
    if (Math.sign(estimate[k]!) === Math.sign(t)) correct++;
  }
  return { correct, total, accuracy: total > 0 ? correct / total : Number.NaN };
}

export function coverage(lo: ArrayLike<number>, hi: ArrayLike<number>, truth: ArrayLike<number>): number {
  if (truth.length === 0) return Number.NaN;
  let inside = 0;
  for (let k = 0; k < truth.length; k++) if (lo[k]! <= truth[k]! && truth[k]! <= hi[k]!) inside++;
  return inside / truth.length;
}

export interface EstimatorScore {
  sign: SignScore;
  coverage: number;
  /** Point estimates and interval ends in percentage points, per nudge. */
  estimate: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

/** Scores raw and adjusted estimates of the world's nudges on one body of evidence. */
export function scoreEstimators(
  world: World,
  enc: EncodedRuns,
  options: { thresholdPp?: number; adjusted?: AdjustedOptions } = {},
): { truth: Float64Array; raw: EstimatorScore; adjusted: EstimatorScore } {
  const truth = trueAme(world, enc);
  const raw = rawEstimates(enc);
  const adj = adjustedEstimates(fitAdjusted(enc, options.adjusted));
  const score = (estimate: Float64Array, lo: Float64Array, hi: Float64Array): EstimatorScore => ({
    sign: signAccuracy(estimate, truth, options.thresholdPp),
    coverage: coverage(lo, hi, truth),
    estimate,
    lo,
    hi,
  });
  return {
    truth,
    raw: score(
      Float64Array.from(raw, (e) => 100 * e.effect),
      Float64Array.from(raw, (e) => 100 * e.lo),
      Float64Array.from(raw, (e) => 100 * e.hi),
    ),
    adjusted: score(
      Float64Array.from(adj, (e) => e.ame),
      Float64Array.from(adj, (e) => e.lo),
      Float64Array.from(adj, (e) => e.hi),
    ),
  };
}
