/**
 * A range bet as a distribution of hours, so the forecast can draw from what the person
 * actually said ("4h @ 50%, 6h @ 80%, 9h @ 95%") instead of from their history.
 */
import { normalQuantile } from '../math';
import type { Quantile } from './quantile';

/** Spread assumed when a single point is stated: the same sigma as the forecast's prior. */
export const SINGLE_POINT_SIGMA = 0.5;

/**
 * Returns the inverse CDF u -> hours. Between stated points it is linear in log-hours (so the
 * density is flat in log-hours within each stated band, and every stated quantile is exact).
 * Tails: outside the outermost points it continues as a log-normal whose sigma matches the
 * outermost stated segment, sigma = (ln h_k - ln h_(k-1)) / (z(p_k) - z(p_(k-1))), z the normal
 * quantile; with one point, sigma = 0.5. Why log-normal: the upper tail stays unbounded
 * (overruns can be large, and a range that stops at its 95% point would be overconfident),
 * the lower tail tends to 0 hours and never below, and both join the stated part without a
 * jump. Quantiles must already be valid (see validateQuantiles).
 */
export function rangeInverseCdf(quantiles: readonly Quantile[]): (u: number) => number {
  const p = quantiles.map((q) => q.p);
  const logH = quantiles.map((q) => Math.log(q.hours));
  const z = p.map(normalQuantile);
  const k = quantiles.length;
  const at = (xs: readonly number[], i: number): number => xs[i] ?? Number.NaN;
  const sigmaLow = k >= 2 ? (at(logH, 1) - at(logH, 0)) / (at(z, 1) - at(z, 0)) : SINGLE_POINT_SIGMA;
  const sigmaHigh = k >= 2 ? (at(logH, k - 1) - at(logH, k - 2)) / (at(z, k - 1) - at(z, k - 2)) : SINGLE_POINT_SIGMA;
  return (u: number): number => {
    if (u <= at(p, 0)) return Math.exp(at(logH, 0) + sigmaLow * (normalQuantile(u) - at(z, 0)));
    if (u >= at(p, k - 1)) return Math.exp(at(logH, k - 1) + sigmaHigh * (normalQuantile(u) - at(z, k - 1)));
    let i = 0;
    while (u > at(p, i + 1)) i++;
    const t = (u - at(p, i)) / (at(p, i + 1) - at(p, i));
    return Math.exp(at(logH, i) + t * (at(logH, i + 1) - at(logH, i)));
  };
}
