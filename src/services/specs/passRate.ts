import { regularizedIncompleteBeta } from '../../domain/betting/incompleteBeta';
import { formatPassRate } from '../../domain/spec/edits';

/**
 * The distribution behind a pass rate: the posterior Beta(1 + passes, 1 + fails) of DOMAIN.md
 * section 1, its mean and central 95% interval (quantiles found by bisection on the
 * regularised incomplete beta function, which is monotone in x).
 */
export interface RateDistribution {
  passes: number;
  n: number;
  /** The observed fraction passes / n. */
  rate: number;
  mean: number;
  low: number;
  high: number;
}

function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (regularizedIncompleteBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function rateDistribution(passes: number, n: number): RateDistribution {
  const a = 1 + passes;
  const b = 1 + (n - passes);
  return { passes, n, rate: n > 0 ? passes / n : 0, mean: a / (a + b), low: betaQuantile(0.025, a, b), high: betaQuantile(0.975, a, b) };
}

/** Whether the token's text still says what the runs say (compared as the text would be written). */
export function passRateIsCurrent(text: { rate: number; n: number }, data: { passes: number; n: number }): boolean {
  if (data.n === 0) return true; // no runs recorded here: nothing to contradict the text
  return formatPassRate(text.rate, text.n) === formatPassRate(data.passes / data.n, data.n);
}
