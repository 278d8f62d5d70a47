/** Range bets: a few stated points of the person's own distribution of hours. */
import { ValidationError } from '../errors';

/** One point of a range bet: "I am p sure it takes at most `hours`". */
export interface Quantile {
  hours: number;
  p: number;
}

/** Range-bet points must describe a distribution: both hours and p strictly increasing. */
export function validateQuantiles(quantiles: readonly Quantile[], field = 'quantiles'): void {
  if (quantiles.length === 0) throw new ValidationError(field, 'a range bet needs at least one "hours @ p" point');
  let prev: Quantile | undefined;
  for (const [i, q] of quantiles.entries()) {
    if (typeof q.hours !== 'number' || !Number.isFinite(q.hours) || q.hours <= 0) {
      throw new ValidationError(field, `point ${i + 1}: hours must be above 0`);
    }
    if (typeof q.p !== 'number' || !Number.isFinite(q.p) || q.p <= 0 || q.p >= 1) {
      throw new ValidationError(field, `point ${i + 1}: probability must be strictly between 0% and 100%`);
    }
    if (prev && !(q.hours > prev.hours && q.p > prev.p)) {
      throw new ValidationError(
        field,
        `point ${i + 1} (${q.hours}h @ ${percent(q.p)}) must have more hours and a higher probability than ${prev.hours}h @ ${percent(prev.p)}`,
      );
    }
    prev = q;
  }
}

/** 0.755 -> "75.5%", without float noise such as 75.50000000000001. */
export function percent(p: number): string {
  return `${+(p * 100).toFixed(4)}%`;
}
