/**
 * The learning curve: the pass rate over time, as a rolling mean over the last `window` runs in
 * time order. "Are my runs passing more often than they used to?" is the question loop 1 must
 * answer with yes, so the curve uses every run (flaky ones included: they are real outcomes).
 */
export interface CurvePoint {
  at: number;
  /** 1-based position of the run in time order. */
  index: number;
  /** Pass rate over the runs in the window ending here. */
  rate: number;
  /** Runs in that window (fewer than the window at the start). */
  runs: number;
}

export interface LearningCurve {
  window: number;
  points: CurvePoint[];
  /** Pass rate over all runs, for the reference line. */
  overall: number;
}

/**
 * Window: a twentieth of the runs, between 10 and 500. Short enough that a change of practice
 * shows within a few dozen runs, long enough that one run moves the curve by at most 10 pp.
 */
export function curveWindow(n: number): number {
  return Math.min(500, Math.max(10, Math.round(n / 20)));
}

/** At most this many points are drawn; the rest are skipped evenly (the last always kept). */
export const MAX_CURVE_POINTS = 200;

/**
 * order: run indices sorted by time (or undefined when the arrays are already in time order).
 */
export function learningCurve(at: ArrayLike<number>, passed: ArrayLike<number>, order?: ArrayLike<number>): LearningCurve {
  const n = at.length;
  const window = curveWindow(n);
  const idx = (i: number): number => (order ? order[i]! : i);
  // Prefix sums of passes in time order: each window's rate is one subtraction.
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + passed[idx(i)]!;
  const step = Math.max(1, Math.ceil(n / MAX_CURVE_POINTS));
  const points: CurvePoint[] = [];
  for (let end = n; end >= 1; end -= step) {
    const start = Math.max(0, end - window);
    points.push({ at: at[idx(end - 1)]!, index: end, rate: (prefix[end]! - prefix[start]!) / (end - start), runs: end - start });
  }
  points.reverse();
  return { window, points, overall: n > 0 ? prefix[n]! / n : 0 };
}

/** Run indices sorted by time, ties by arrival (a stable sort). */
export function timeOrder(at: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: at.length }, (_, i) => i);
  return order.sort((a, b) => at[a]! - at[b]! || a - b);
}
