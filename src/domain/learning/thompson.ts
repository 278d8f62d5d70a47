import { normal, type Rng } from '../random';
import { isAdjustmentKey } from './adjustment';
import { covarianceCholesky, type KeptCovariance } from './keptCovariance';
import { solveLowerTransposed } from './linalg';

/**
 * The next-attempt policy (DOMAIN.md section 1): Thompson sampling. Draw b from the Laplace
 * posterior N(b_hat, Sigma) and apply each nudge whose drawn effect is positive, so nudges
 * are tried in proportion to the probability that they help.
 *
 * Sigma = (L L^T)^{-1} where L is the Cholesky factor of b's posterior precision (the Schur
 * complement kept by the fit, laplace.ts lbb). Then b_hat + L^{-T} z with z ~ N(0, I) has
 * covariance L^{-T} L^{-1} = Sigma: one triangular solve, and Sigma is never formed.
 */
export interface NudgePosterior {
  mean: Float64Array;
  /** Row-major lower Cholesky factor of the precision of b (K x K)... */
  precisionCholesky?: Float64Array;
  /** ...or, after incremental updates (keptCovariance.ts), of its covariance. */
  covarianceCholesky?: Float64Array;
  /** 1 for columns a person can apply (nudges), 0 for adjustment terms; absent: every column. */
  applicable?: Uint8Array;
}

export function thompsonDraw(post: NudgePosterior, rng: Rng): Float64Array {
  const K = post.mean.length;
  const z = new Float64Array(K);
  for (let k = 0; k < K; k++) z[k] = normal(rng);
  const m = post.covarianceCholesky;
  if (m) {
    // M z with M M^T = Sigma, from the last row up so that z is read before it is overwritten.
    for (let i = K - 1; i >= 0; i--) {
      let t = 0;
      for (let k = 0; k <= i; k++) t += m[i * K + k]! * z[k]!;
      z[i] = t;
    }
  } else solveLowerTransposed(post.precisionCholesky!, K, z);
  for (let k = 0; k < K; k++) z[k] = z[k]! + post.mean[k]!;
  return z;
}

/** Indices of the nudges to apply on the next attempt (ascending). */
export function thompsonChoice(post: NudgePosterior, rng: Rng): number[] {
  const draw = thompsonDraw(post, rng);
  const chosen: number[] = [];
  for (let k = 0; k < draw.length; k++) if (draw[k]! > 0 && (!post.applicable || post.applicable[k])) chosen.push(k);
  return chosen;
}

/**
 * The posterior of a fitted (or updated) adjusted state, for thompsonChoice. The draw is joint
 * over every column (adjustment terms included, so that a nudge's uncertainty shared with a
 * model change stays in it); only nudges are chosen.
 */
export function posteriorOf(state: { nudgeKeys: readonly string[]; params: { b: Float64Array }; factor: { lbb: Float64Array }; covariance?: KeptCovariance }): NudgePosterior {
  const applicable = Uint8Array.from(state.nudgeKeys, (k) => (isAdjustmentKey(k) ? 0 : 1));
  // After incremental updates the fit's precision factor is out of date; the kept covariance is not.
  if (state.covariance?.updated) return { mean: state.params.b, covarianceCholesky: covarianceCholesky(state.covariance), applicable };
  return { mean: state.params.b, precisionCholesky: state.factor.lbb, applicable };
}
