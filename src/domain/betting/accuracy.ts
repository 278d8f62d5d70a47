/**
 * Estimation accuracy, apart from confidence: how far actual hours land from estimates.
 * Ratios are studied in log space because taking twice as long and half as long are equal and
 * opposite mistakes (log 2 and -log 2), while their plain ratios (2 and 0.5) are not.
 */
import { isResolved } from './bet';
import type { Bet } from './bet';

/** Actual hours are floored at one minute so a "took no time at all" entry has a finite log. */
export const MIN_ACTUAL_HOURS = 1 / 60;

export interface AccuracyBin {
  /** Bin edges in log(actual/estimated), and the same edges as plain ratios for labels. */
  lo: number;
  hi: number;
  loRatio: number;
  hiRatio: number;
  count: number;
}

export interface EstimationAccuracy {
  /** Completed bets only: an abandoned task has no actual duration to compare. */
  n: number;
  logRatios: number[];
  meanLogRatio: number | null;
  /** exp(median log ratio); with an even count, the geometric mean of the middle two ratios. */
  medianRatio: number | null;
  histogram: AccuracyBin[];
}

/** log(actual / estimated) for each completed resolved bet, in input order. */
export function logRatios(bets: readonly Bet[]): number[] {
  return bets
    .filter((b) => isResolved(b) && b.completed === true && b.actualHours !== undefined)
    .map((b) => Math.log(Math.max(b.actualHours ?? 0, MIN_ACTUAL_HOURS) / b.estimatedHours));
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * Histogram of log ratios with bins of `binWidth` centred on multiples of it, so one bin is
 * centred on 0 ("about right"; the default 0.25 is within about 13% either way). Bins run
 * contiguously from the lowest to the highest occupied one, empty ones included, so gaps show.
 */
export function estimationAccuracy(bets: readonly Bet[], binWidth = 0.25): EstimationAccuracy {
  const xs = logRatios(bets);
  const med = median(xs);
  const histogram: AccuracyBin[] = [];
  if (xs.length > 0) {
    const idx = xs.map((x) => Math.round(x / binWidth));
    const first = Math.min(...idx);
    const last = Math.max(...idx);
    for (let i = first; i <= last; i++) {
      const lo = (i - 0.5) * binWidth;
      const hi = (i + 0.5) * binWidth;
      histogram.push({ lo, hi, loRatio: Math.exp(lo), hiRatio: Math.exp(hi), count: idx.filter((j) => j === i).length });
    }
  }
  return {
    n: xs.length,
    logRatios: xs,
    meanLogRatio: xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length,
    medianRatio: med === null ? null : Math.exp(med),
    histogram,
  };
}
