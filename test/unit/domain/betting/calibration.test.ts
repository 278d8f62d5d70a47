import { describe, expect, it } from 'vitest';
import {
  brierScore,
  calibrationSummary,
  estimationAccuracy,
  forecastsOf,
  logScore,
  reliabilityBins,
  rollingBrier,
  wilsonInterval,
} from '../../../../src/domain/betting/calibration';
import type { Forecast } from '../../../../src/domain/betting/calibration';
import { makeBet, resolved } from './makeBet';

const f = (p: number, hit: boolean): Forecast => ({ p, hit });
const many = (n: number, p: number, hits: number): Forecast[] => Array.from({ length: n }, (_, i) => f(p, i < hits));

describe('scores', () => {
  const fs = [f(0.9, true), f(0.8, false), f(0.6, true), f(0.3, false)];
  it('computes the Brier score: (0.01 + 0.64 + 0.16 + 0.09) / 4 = 0.225', () => {
    expect(brierScore(fs)).toBeCloseTo(0.225, 12);
    expect(brierScore([])).toBeNull();
  });
  it('computes the log score: (ln 0.9 + ln 0.2 + ln 0.6 + ln 0.7) / 4', () => {
    expect(logScore(fs)).toBeCloseTo(-0.6455747, 6);
  });
  it('clamps probabilities to [0.01, 0.99] in the log score', () => {
    expect(logScore([f(0.999, false)])).toBeCloseTo(Math.log(0.01), 12);
    expect(logScore([f(0.999, true)])).toBeCloseTo(Math.log(0.99), 12);
  });
  it('compares with always saying the base rate (here 0.5)', () => {
    const bets = [resolved(3, 1, { confidence: 0.9 }), resolved(5, 2, { confidence: 0.8 }), resolved(4, 3, { confidence: 0.6 }), resolved(6, 4, { confidence: 0.3 }), makeBet()];
    const s = calibrationSummary(bets);
    expect(s).toMatchObject({ forecasts: 4, bets: 4, baseRate: 0.5 });
    expect(s.brier).toBeCloseTo(0.225, 12);
    expect(s.baselineBrier).toBeCloseTo(0.25, 12);
    expect(s.baselineLogScore).toBeCloseTo(Math.log(0.5), 12);
    expect(s.brierSkill).toBeCloseTo(0.1, 12);
  });
  it('has no scores before any bet is resolved', () => {
    expect(calibrationSummary([makeBet()])).toMatchObject({ forecasts: 0, brier: null, baseRate: null, brierSkill: null });
  });
});

describe('range bets in calibration', () => {
  it('scores each quantile as (p, actual <= hours), without counting the headline twice', () => {
    const quantiles = [
      { hours: 4, p: 0.5 },
      { hours: 6, p: 0.8 },
      { hours: 9, p: 0.95 },
    ];
    const bet = resolved(5, 1, { estimatedHours: 6, confidence: 0.8, quantiles });
    expect(forecastsOf(bet)).toEqual([f(0.8, true), f(0.5, false), f(0.95, true)]);
    const abandoned = resolved(5, 1, { estimatedHours: 6, confidence: 0.8, quantiles, completed: false });
    expect(forecastsOf(abandoned)).toEqual([f(0.8, false), f(0.5, false), f(0.95, false)]);
    expect(forecastsOf(makeBet({ quantiles }))).toEqual([]);
  });
});

describe('Wilson interval', () => {
  it('gives [0.490, 0.943] for 8 hits in 10', () => {
    const [lo, hi] = wilsonInterval(8, 10);
    expect(lo).toBeCloseTo(0.4902, 4);
    expect(hi).toBeCloseTo(0.9433, 4);
  });
  it('stays inside [0, 1] at the edges: 0/5 gives [0, 0.4345]', () => {
    const [lo, hi] = wilsonInterval(0, 5);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.4345, 4);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe('reliability bins', () => {
  it('uses quintiles below 50 forecasts and merges bins until each holds 5', () => {
    const fs = [...many(2, 0.1, 0), ...many(2, 0.3, 1), f(0.5, true), ...many(4, 0.7, 3), ...many(3, 0.9, 3)];
    const bins = reliabilityBins(fs);
    expect(bins.map((b) => [b.lo, b.hi, b.n])).toEqual([
      [0, 0.6, 5],
      [0.6, 1, 7],
    ]);
    expect(bins[0]?.meanConfidence).toBeCloseTo(0.26, 12);
    expect(bins[0]?.hitRate).toBeCloseTo(0.4, 12);
    expect(bins[1]?.meanConfidence).toBeCloseTo(5.5 / 7, 12);
    expect(bins[1]?.hitRate).toBeCloseTo(6 / 7, 12);
    expect(bins[1]?.interval).toEqual(wilsonInterval(6, 7));
  });
  it('folds a short remainder at the top into the bin below', () => {
    const bins = reliabilityBins([...many(5, 0.1, 0), ...many(2, 0.9, 2)]);
    expect(bins.map((b) => [b.lo, b.hi, b.n])).toEqual([[0, 1, 7]]);
  });
  it('uses deciles from 50 forecasts on', () => {
    const bins = reliabilityBins([...many(25, 0.05, 1), ...many(25, 0.95, 24)]);
    expect(bins.map((b) => [b.lo, b.hi, b.n])).toEqual([
      [0, 0.1, 25],
      [0.9, 1, 25],
    ]);
    expect(reliabilityBins(many(50, 0.3, 15)).map((b) => [b.lo, b.hi])).toEqual([[0.3, 0.4]]);
  });
  it('gives one bin for fewer than 5 forecasts and none for none', () => {
    expect(reliabilityBins([f(0.2, false), f(0.9, true)]).map((b) => b.n)).toEqual([2]);
    expect(reliabilityBins([])).toEqual([]);
  });
});

describe('rolling Brier', () => {
  it('scores the last k resolved bets at each resolution, in time order', () => {
    const bets = [
      resolved(6, 30, { confidence: 0.6, estimatedHours: 6 }),
      resolved(3, 10, { confidence: 0.9 }),
      makeBet(),
      resolved(5, 20, { confidence: 0.8 }),
    ];
    const points = rollingBrier(bets, 2);
    expect(points.map((p) => p.at)).toEqual([10, 20, 30]);
    expect(points.map((p) => p.bets)).toEqual([1, 2, 2]);
    expect(points[0]?.brier).toBeCloseTo(0.01, 12);
    expect(points[1]?.brier).toBeCloseTo(0.325, 12);
    expect(points[2]?.brier).toBeCloseTo(0.4, 12);
  });
});

describe('estimation accuracy', () => {
  const bets = [
    resolved(8, 1, { estimatedHours: 4 }),
    resolved(2, 2, { estimatedHours: 4 }),
    resolved(2, 3, { estimatedHours: 2 }),
    resolved(3.3, 4, { estimatedHours: 3 }),
    resolved(20, 5, { estimatedHours: 1, completed: false }),
    makeBet(),
  ];
  it('takes log(actual / estimated) of completed bets and the median ratio', () => {
    const a = estimationAccuracy(bets);
    expect(a.n).toBe(4);
    expect(a.logRatios[0]).toBeCloseTo(Math.LN2, 12);
    expect(a.medianRatio).toBeCloseTo(Math.sqrt(1.1), 12); // geometric mean of 1 and 1.1
    expect(a.meanLogRatio).toBeCloseTo(Math.log(1.1) / 4, 12);
  });
  it('bins log ratios around 0, contiguously', () => {
    const h = estimationAccuracy(bets).histogram;
    expect(h.map((b) => b.count)).toEqual([1, 0, 0, 2, 0, 0, 1]);
    expect(h[3]?.lo).toBeCloseTo(-0.125, 12);
    expect(h[3]?.hiRatio).toBeCloseTo(Math.exp(0.125), 12);
  });
  it('is empty without completed bets', () => {
    expect(estimationAccuracy([makeBet()])).toMatchObject({ n: 0, medianRatio: null, histogram: [] });
  });
});
