/**
 * Reliability diagram: within each band of stated confidence, how often did it come true?
 * A calibrated person's points sit on the diagonal, inside their Wilson intervals.
 */
import type { Forecast } from './calibration';
import { Z95 } from '../math';

/**
 * Wilson score interval for k successes in n trials. Unlike the normal (Wald) interval it stays
 * inside [0, 1] and is honest for small n and for rates near 0 or 1, which is all a person's
 * handful of bets per bin ever gives. With no trials it is the whole of [0, 1].
 */
export function wilsonInterval(k: number, n: number, z = Z95): [number, number] {
  if (n <= 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface ReliabilityBin {
  /** Confidence range covered, [lo, hi) (the last bin includes 1). */
  lo: number;
  hi: number;
  n: number;
  meanConfidence: number;
  hitRate: number;
  interval: [number, number];
}

export const MIN_PER_BIN = 5;

/**
 * Bins by stated confidence. The rule: deciles when there are at least 50 forecasts, quintiles
 * below that; then empty bins are dropped and, from low to high confidence, adjacent bins are
 * merged until each holds at least 5 forecasts (a short remainder at the top joins the bin
 * below it). Fewer than 5 forecasts in all give a single bin. Why: a hit rate from 1-4 bets
 * has a Wilson interval wider than half the axis, so it would only draw noise.
 */
export function reliabilityBins(forecasts: readonly Forecast[]): ReliabilityBin[] {
  if (forecasts.length === 0) return [];
  const k = forecasts.length >= 50 ? 10 : 5;
  const raw = Array.from({ length: k }, (_, i) => ({ lo: i / k, hi: (i + 1) / k, items: [] as Forecast[] }));
  for (const f of forecasts) {
    // The epsilon keeps 0.3 (= 2.9999... x 0.1 in floating point) in the 0.3 bin.
    const i = Math.min(k - 1, Math.max(0, Math.floor(f.p * k + 1e-9)));
    raw[i]?.items.push(f);
  }
  const groups: { lo: number; hi: number; items: Forecast[] }[] = [];
  let open: { lo: number; hi: number; items: Forecast[] } | undefined;
  for (const bin of raw.filter((b) => b.items.length > 0)) {
    if (open) {
      open.hi = bin.hi;
      open.items.push(...bin.items);
    } else open = { ...bin, items: [...bin.items] };
    if (open.items.length >= MIN_PER_BIN) {
      groups.push(open);
      open = undefined;
    }
  }
  if (open) {
    const last = groups[groups.length - 1];
    if (last) {
      last.hi = open.hi;
      last.items.push(...open.items);
    } else groups.push(open);
  }
  return groups.map(({ lo, hi, items }) => {
    const hits = items.filter((f) => f.hit).length;
    return {
      lo,
      hi,
      n: items.length,
      meanConfidence: items.reduce((s, f) => s + f.p, 0) / items.length,
      hitRate: hits / items.length,
      interval: wilsonInterval(hits, items.length),
    };
  });
}
