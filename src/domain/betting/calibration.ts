/**
 * Calibration: are stated confidences borne out? Scores use the *stated* confidence, not the
 * effective one: credibility is the app's opinion of the person, calibration is the evidence.
 */
import { isHit, isResolved } from './bet';
import type { Bet } from './bet';

/** One probability forecast and whether the event it was about happened. */
export interface Forecast {
  p: number;
  hit: boolean;
}

/**
 * The forecasts a resolved bet made. A plain bet is one: (confidence, hit). A range bet is also
 * scored point by point: each quantile (hours_q, p) claims P(actual <= hours_q) = p, so it
 * enters as (p, completed and actual <= hours_q). A quantile identical to the headline
 * (same hours and p) is not counted twice. An abandoned task hits no quantile.
 */
export function forecastsOf(bet: Bet): Forecast[] {
  if (!isResolved(bet)) return [];
  const out: Forecast[] = [{ p: bet.confidence, hit: isHit(bet) }];
  const actual = bet.actualHours ?? Number.POSITIVE_INFINITY;
  for (const q of bet.quantiles ?? []) {
    if (q.hours === bet.estimatedHours && q.p === bet.confidence) continue;
    out.push({ p: q.p, hit: bet.completed === true && actual <= q.hours });
  }
  return out;
}

export function forecastsOfBets(bets: readonly Bet[]): Forecast[] {
  return bets.flatMap(forecastsOf);
}

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;

/** Mean squared distance between stated probability and outcome; 0 is perfect, lower is better. */
export function brierScore(forecasts: readonly Forecast[]): number | null {
  return mean(forecasts.map((f) => (f.p - (f.hit ? 1 : 0)) ** 2));
}

/**
 * Probabilities are clamped to [0.01, 0.99] before taking logs. Validation already excludes 0
 * and 1, but a typed "99.9%" that misses would score ln(0.001) = -6.9 and swamp a mean over a
 * dozen bets; the clamp caps one forecast's penalty at ln(0.01) = -4.6. The baseline gets the
 * same clamp, so the comparison stays fair.
 */
export const LOG_SCORE_CLAMP = 0.01;

/** Mean natural log of the probability given to what happened; 0 is perfect, higher is better. */
export function logScore(forecasts: readonly Forecast[]): number | null {
  return mean(
    forecasts.map((f) => {
      const p = Math.min(1 - LOG_SCORE_CLAMP, Math.max(LOG_SCORE_CLAMP, f.p));
      return Math.log(f.hit ? p : 1 - p);
    }),
  );
}

export interface CalibrationSummary {
  /** Scored forecasts (range bets count once per quantile) and the resolved bets they came from. */
  forecasts: number;
  bets: number;
  brier: number | null;
  logScore: number | null;
  /** Share of forecasts that came true. */
  baseRate: number | null;
  /**
   * Scores of always saying the base rate. In-sample (the rate is computed from the same
   * forecasts), which flatters the baseline slightly: beating it is meaningful.
   */
  baselineBrier: number | null;
  baselineLogScore: number | null;
  /** 1 - brier / baselineBrier: above 0 beats the baseline; null when the baseline is perfect. */
  brierSkill: number | null;
}

export function calibrationSummary(bets: readonly Bet[]): CalibrationSummary {
  const resolved = bets.filter(isResolved);
  const fs = forecastsOfBets(resolved);
  const baseRate = mean(fs.map((f) => (f.hit ? 1 : 0)));
  const baseline = baseRate === null ? [] : fs.map((f) => ({ p: baseRate, hit: f.hit }));
  const brier = brierScore(fs);
  const baselineBrier = brierScore(baseline);
  return {
    forecasts: fs.length,
    bets: resolved.length,
    brier,
    logScore: logScore(fs),
    baseRate,
    baselineBrier,
    baselineLogScore: logScore(baseline),
    brierSkill: brier === null || baselineBrier === null || baselineBrier === 0 ? null : 1 - brier / baselineBrier,
  };
}

export interface RollingPoint {
  betId: string;
  at: number;
  /** Brier over the forecasts of the last `window` resolved bets up to and including this one. */
  brier: number;
  /** Bets in the window: fewer than `window` at the start, which the chart should show as such. */
  bets: number;
}

/** "Am I getting better?": a point per resolved bet, in resolution order. */
export function rollingBrier(bets: readonly Bet[], window = 10): RollingPoint[] {
  const k = Math.max(1, Math.floor(window));
  const resolved = bets
    .filter(isResolved)
    .map((bet, i) => ({ bet, i }))
    .sort((a, b) => (a.bet.resolvedAt ?? 0) - (b.bet.resolvedAt ?? 0) || a.i - b.i)
    .map(({ bet }) => bet);
  return resolved.map((bet, i) => {
    const inWindow = resolved.slice(Math.max(0, i - k + 1), i + 1);
    return {
      betId: bet.id,
      at: bet.resolvedAt ?? 0,
      brier: brierScore(forecastsOfBets(inWindow)) ?? 0,
      bets: inWindow.length,
    };
  });
}

export { reliabilityBins, wilsonInterval, MIN_PER_BIN } from './reliability';
export type { ReliabilityBin } from './reliability';
export { estimationAccuracy, logRatios, median, MIN_ACTUAL_HOURS } from './accuracy';
export type { AccuracyBin, EstimationAccuracy } from './accuracy';
