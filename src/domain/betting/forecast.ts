/**
 * Evidence-based scheduling: how long will the open bets take in total, given how this person's
 * estimates have turned out before? Seeded by the data, so the same bets give the same numbers.
 */
import { mulberry32, normal, seedFrom } from '../random';
import type { Rng } from '../random';
import { isResolved } from './bet';
import type { Bet } from './bet';
import { rangeInverseCdf } from './rangeDistribution';
import { DEFAULT_BETTING_RULES, type BettingRules } from './rules';

/** The constitution's rules the forecast reads. */
export type ForecastRules = Pick<BettingRules, 'forecastDraws' | 'forecastMinResolved' | 'forecastFallbackSigma'>;

/**
 * actual / estimated of every completed resolved bet. Abandoned bets are left out: they have no
 * completion time, so this history is somewhat optimistic when a person abandons a lot.
 */
export function historyRatios(bets: readonly Bet[]): Float64Array {
  const done = bets.filter((b) => isResolved(b) && b.completed === true && b.actualHours !== undefined);
  return Float64Array.from(done, (b) => (b.actualHours ?? 0) / b.estimatedHours);
}

export interface Simulation {
  /** Total hours of all open bets in each draw, sorted ascending. */
  totals: Float64Array;
  seed: number;
  openBets: number;
  ratioSource: 'history' | 'prior';
  historyCount: number;
}

export interface SimulationOptions {
  /** Raised to the rules' forecastDraws if lower: fewer draws make P95 visibly jumpy between refreshes. */
  draws?: number;
  /** Defaults to a hash of the data, so unchanged bets give unchanged numbers. */
  seed?: number;
  /** The betting rules in force (the defaults of DOMAIN.md when absent). */
  rules?: ForecastRules;
}

/**
 * Each draw: every plain open bet's estimate times a ratio resampled from history (or, with
 * fewer than forecastMinResolved (5) completed bets, exp(sigma Z): log-normal with median 1,
 * sigma forecastFallbackSigma (0.5)); every range bet drawn from its own stated quantiles.
 */
export function simulateOpenBets(bets: readonly Bet[], options: SimulationOptions = {}): Simulation {
  const rules = options.rules ?? DEFAULT_BETTING_RULES;
  const asked = Math.floor(options.draws ?? rules.forecastDraws);
  const draws = Number.isFinite(asked) ? Math.max(rules.forecastDraws, asked) : rules.forecastDraws;
  const open = bets.filter((b) => !isResolved(b));
  const ratios = historyRatios(bets);
  const useHistory = ratios.length >= rules.forecastMinResolved;
  const seed =
    options.seed ??
    seedFrom(
      JSON.stringify({
        open: open.map((b) => [b.id, b.estimatedHours, b.quantiles ?? null]),
        ratios: useHistory ? Array.from(ratios) : null,
        draws,
      }),
    );
  const rng: Rng = mulberry32(seed);
  const plain = Float64Array.from(open.filter((b) => !b.quantiles?.length), (b) => b.estimatedHours);
  const ranges = open.filter((b) => b.quantiles?.length).map((b) => rangeInverseCdf(b.quantiles ?? []));
  const totals = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    let total = 0;
    for (const estimate of plain) {
      const ratio = useHistory ? (ratios[Math.floor(rng() * ratios.length)] ?? 1) : Math.exp(rules.forecastFallbackSigma * normal(rng));
      total += estimate * ratio;
    }
    for (const inverse of ranges) total += inverse(rng() || 2 ** -33);
    totals[d] = total;
  }
  totals.sort();
  return { totals, seed, openBets: open.length, ratioSource: useHistory ? 'history' : 'prior', historyCount: ratios.length };
}

/** Percentile q in [0, 1] of a sorted sample, interpolating between order statistics (type 7). */
export function percentileOf(sorted: Float64Array | readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

/** Share of draws finishing within the budget (total <= budget), by binary search. */
export function chanceWithin(sorted: Float64Array | readonly number[], budgetHours: number): number {
  if (sorted.length === 0) return 1;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= budgetHours) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}

export interface ForecastSummary {
  openBets: number;
  draws: number;
  seed: number;
  ratioSource: 'history' | 'prior';
  historyCount: number;
  mean: number;
  p50: number;
  p80: number;
  p95: number;
  /** Fan chart: percentiles 5, 10, ..., 95 of total hours. */
  fan: { percentile: number; hours: number }[];
  histogram: { lo: number; hi: number; count: number }[];
  budgetHours?: number;
  chanceWithinBudget?: number;
}

/** Equal-width bins from the smallest to the largest draw; the last bin includes its top. */
export function histogramOf(sorted: Float64Array, bins = 20): ForecastSummary['histogram'] {
  if (sorted.length === 0) return [];
  const min = sorted[0] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  if (max === min) return [{ lo: min, hi: max, count: sorted.length }];
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const x of sorted) {
    const i = Math.min(bins - 1, Math.floor((x - min) / width));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts.map((count, i) => ({ lo: min + i * width, hi: i === bins - 1 ? max : min + (i + 1) * width, count }));
}

const FAN_PERCENTILES = Array.from({ length: 19 }, (_, i) => 5 * (i + 1));

/** Plain numbers only, so the summary crosses the worker boundary as is. */
export function summarizeSimulation(sim: Simulation, options: { budgetHours?: number; bins?: number } = {}): ForecastSummary {
  const { totals } = sim;
  const summary: ForecastSummary = {
    openBets: sim.openBets,
    draws: totals.length,
    seed: sim.seed,
    ratioSource: sim.ratioSource,
    historyCount: sim.historyCount,
    mean: totals.reduce((s, x) => s + x, 0) / Math.max(1, totals.length),
    p50: percentileOf(totals, 0.5),
    p80: percentileOf(totals, 0.8),
    p95: percentileOf(totals, 0.95),
    fan: FAN_PERCENTILES.map((percentile) => ({ percentile, hours: percentileOf(totals, percentile / 100) })),
    histogram: histogramOf(totals, options.bins),
  };
  if (options.budgetHours !== undefined) {
    summary.budgetHours = options.budgetHours;
    summary.chanceWithinBudget = chanceWithin(totals, options.budgetHours);
  }
  return summary;
}

export function forecastOpenBets(
  bets: readonly Bet[],
  options: SimulationOptions & { budgetHours?: number; bins?: number } = {},
): ForecastSummary {
  return summarizeSimulation(simulateOpenBets(bets, options), options);
}
