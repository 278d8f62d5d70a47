import { betaMean, betaQuantile } from '../../domain/math';
import { formatPassRate } from '../../domain/spec/edits';

/**
 * The distribution behind a pass rate: the posterior Beta(1 + passes, 1 + fails) of DOMAIN.md
 * section 1, its mean and central 95% interval (the Beta quantiles of domain/math).
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

export function rateDistribution(passes: number, n: number): RateDistribution {
  const a = 1 + passes;
  const b = 1 + (n - passes);
  return { passes, n, rate: n > 0 ? passes / n : 0, mean: betaMean(a, b), low: betaQuantile(0.025, a, b), high: betaQuantile(0.975, a, b) };
}

/** Whether the token's text still says what the runs say (compared as the text would be written). */
export function passRateIsCurrent(text: { rate: number; n: number }, data: { passes: number; n: number }): boolean {
  if (data.n === 0) return true; // no runs recorded here: nothing to contradict the text
  return formatPassRate(text.rate, text.n) === formatPassRate(data.passes / data.n, data.n);
}
