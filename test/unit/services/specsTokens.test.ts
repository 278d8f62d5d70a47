import { describe, expect, it } from 'vitest';
import { passRateIsCurrent, rateDistribution } from '../../../src/services/specs/passRate';

describe('pass-rate tokens against the data', () => {
  it('gives the Beta(1 + passes, 1 + fails) posterior with its central 95% interval', () => {
    const d = rateDistribution(8, 10);
    expect(d.rate).toBe(0.8);
    expect(d.mean).toBeCloseTo(9 / 12, 12);
    // Beta(9, 3): 2.5% and 97.5% quantiles, as scipy.stats.beta.ppf([.025, .975], 9, 3) gives them.
    expect(d.low).toBeCloseTo(0.4822441, 5);
    expect(d.high).toBeCloseTo(0.9397823, 5);
    const none = rateDistribution(0, 0);
    expect([none.mean, none.low, none.high].map((x) => +x.toFixed(3))).toEqual([0.5, 0.025, 0.975]);
  });

  it('says the text is current when it reads as the data would be written', () => {
    expect(passRateIsCurrent({ rate: 0.95, n: 100 }, { passes: 95, n: 100 })).toBe(true);
    expect(passRateIsCurrent({ rate: 0.95, n: 100 }, { passes: 95, n: 101 })).toBe(false);
    expect(passRateIsCurrent({ rate: 0.667, n: 3 }, { passes: 2, n: 3 })).toBe(true);
    expect(passRateIsCurrent({ rate: 0.5, n: 2 }, { passes: 0, n: 0 })).toBe(true);
  });
});
