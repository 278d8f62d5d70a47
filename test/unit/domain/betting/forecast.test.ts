import { describe, expect, it } from 'vitest';
import {
  chanceWithin,
  forecastOpenBets,
  historyRatios,
  percentileOf,
  simulateOpenBets,
} from '../../../../src/domain/betting/forecast';
import { rangeInverseCdf } from '../../../../src/domain/betting/rangeDistribution';
import { makeBet, resolved } from './makeBet';

const exactHistory = (ratio: number) =>
  Array.from({ length: 5 }, (_, i) => resolved(2 * ratio * (i + 1), i + 1, { estimatedHours: 2 * (i + 1) }));
const quantiles = [
  { hours: 4, p: 0.5 },
  { hours: 6, p: 0.8 },
  { hours: 9, p: 0.95 },
];

describe('range bet distribution', () => {
  const inv = rangeInverseCdf(quantiles);
  it('passes exactly through the stated points, log-linear between them', () => {
    expect(inv(0.5)).toBeCloseTo(4, 12);
    expect(inv(0.8)).toBeCloseTo(6, 12);
    expect(inv(0.95)).toBeCloseTo(9, 12);
    expect(inv(0.65)).toBeCloseTo(Math.sqrt(24), 12);
  });
  it('continues as log-normal tails matched to the outer segments', () => {
    // sigma_high = ln(9/6) / (z(.95) - z(.8)) = 0.504791; ln h = ln 9 + 0.504791 (1.959964 - 1.644854)
    expect(inv(0.975)).toBeCloseTo(10.5515, 3);
    // sigma_low = ln(6/4) / z(.8) = 0.481767; ln h = ln 4 - 0.481767 x 0.674490
    expect(inv(0.25)).toBeCloseTo(2.8902, 3);
  });
  it('gives a single point a sigma of 0.5', () => {
    expect(rangeInverseCdf([{ hours: 4, p: 0.5 }])(0.8413447)).toBeCloseTo(4 * Math.exp(0.5), 4);
  });
});

describe('forecast of open bets', () => {
  it('with every past ratio 1, every percentile is the sum of the estimates', () => {
    const bets = [...exactHistory(1), makeBet({ estimatedHours: 3 }), makeBet({ estimatedHours: 5 })];
    const f = forecastOpenBets(bets, { budgetHours: 8 });
    expect(f).toMatchObject({ openBets: 2, draws: 10_000, ratioSource: 'history', historyCount: 5 });
    expect(f.p50).toBeCloseTo(8, 12);
    expect(f.p95).toBeCloseTo(8, 12);
    expect(f.chanceWithinBudget).toBe(1);
    expect(forecastOpenBets(bets, { budgetHours: 7.99 }).chanceWithinBudget).toBe(0);
  });
  it('multiplies by resampled ratios: all ratios 2 double the estimate', () => {
    expect(forecastOpenBets([...exactHistory(2), makeBet({ estimatedHours: 3 })]).p80).toBeCloseTo(6, 12);
  });
  it('is reproducible from the data, and the seed matters', () => {
    const bets = [makeBet({ id: 'a', estimatedHours: 4 }), makeBet({ id: 'b', estimatedHours: 2 })];
    const one = forecastOpenBets(bets);
    const two = forecastOpenBets(bets.map((b) => ({ ...b })));
    expect(two).toEqual(one);
    expect(forecastOpenBets(bets, { seed: one.seed + 1 }).p50).not.toBe(one.p50);
  });
  it('uses a log-normal (median 1, sigma 0.5) with fewer than 5 completed bets', () => {
    const f = forecastOpenBets([resolved(4, 1), makeBet({ estimatedHours: 4 })], { seed: 12345 });
    expect(f.ratioSource).toBe('prior');
    expect(f.p50 / 4).toBeGreaterThan(0.97);
    expect(f.p50 / 4).toBeLessThan(1.03);
    expect(f.p80 / (4 * Math.exp(0.5 * 0.841621))).toBeCloseTo(1, 1);
    expect(f.p95 / (4 * Math.exp(0.5 * 1.644854))).toBeCloseTo(1, 1);
  });
  it('draws a range bet from its own quantiles', () => {
    const f = forecastOpenBets([...exactHistory(3), makeBet({ estimatedHours: 6, quantiles })], { seed: 7 });
    expect(Math.abs(f.p50 - 4)).toBeLessThan(0.1);
    expect(Math.abs(f.p80 - 6)).toBeLessThan(0.25);
    expect(Math.abs(f.p95 - 9)).toBeLessThan(0.4);
  });
  it('never draws fewer than 10,000 times, and fan and histogram describe the same draws', () => {
    const f = forecastOpenBets([makeBet()], { draws: 100, bins: 10 });
    expect(f.draws).toBe(10_000);
    expect(f.fan.map((x) => x.percentile)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95]);
    expect(f.fan.every((x, i, all) => i === 0 || x.hours >= (all[i - 1]?.hours ?? 0))).toBe(true);
    expect(f.fan[9]?.hours).toBe(f.p50);
    expect(f.fan[15]?.hours).toBe(f.p80);
    expect(f.fan[18]?.hours).toBe(f.p95);
    expect(f.histogram).toHaveLength(10);
    expect(f.histogram.reduce((s, b) => s + b.count, 0)).toBe(10_000);
  });
  it('forecasts zero hours when nothing is open', () => {
    const f = forecastOpenBets([resolved(3, 1)], { budgetHours: 0 });
    expect(f).toMatchObject({ openBets: 0, p50: 0, p95: 0, chanceWithinBudget: 1 });
  });
  it('leaves abandoned bets out of the history', () => {
    expect(Array.from(historyRatios([resolved(8, 1), resolved(8, 2, { completed: false }), makeBet()]))).toEqual([2]);
  });
});

describe('sample helpers', () => {
  it('interpolates percentiles and counts the chance within a budget', () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 5]);
    expect(percentileOf(sorted, 0.5)).toBe(3);
    expect(percentileOf(sorted, 0.8)).toBeCloseTo(4.2, 12);
    expect(chanceWithin(sorted, 3)).toBe(0.6);
    expect(chanceWithin(sorted, 0.5)).toBe(0);
    expect(simulateOpenBets([makeBet()]).totals).toHaveLength(10_000);
  });
});
