import { describe, expect, it } from 'vitest';
import { betaQuantile, logGamma, regularizedIncompleteBeta as I } from '../../../../src/domain/math';

describe('log-gamma (Lanczos)', () => {
  it('matches ln((n-1)!) and ln sqrt(pi)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 8); // ln(100!)
  });
});

describe('regularised incomplete beta', () => {
  it('matches known values', () => {
    expect(I(0.5, 2, 3)).toBeCloseTo(0.6875, 12); // P(Bin(4, 1/2) >= 2) = 11/16
    expect(I(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(I(0.5, 11, 3)).toBeCloseTo(92 / 8192, 12); // P(Bin(13, 1/2) >= 11)
  });
  it('satisfies I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b for non-integer parameters', () => {
    expect(I(0.4, 2.5, 1)).toBeCloseTo(0.4 ** 2.5, 12);
    expect(I(0.9, 7.3, 1)).toBeCloseTo(0.9 ** 7.3, 12);
    expect(I(0.2, 1, 3.5)).toBeCloseTo(1 - 0.8 ** 3.5, 12);
  });
  it('is symmetric, I_x(a, b) = 1 - I_(1-x)(b, a), and 1/2 at the middle of Beta(a, a)', () => {
    expect(I(0.37, 3.2, 5.9)).toBeCloseTo(1 - I(0.63, 5.9, 3.2), 12);
    expect(I(0.5, 50, 50)).toBeCloseTo(0.5, 12);
    expect(I(0.5, 400.5, 400.5)).toBeCloseTo(0.5, 10);
  });
  it('is 0 and 1 at the ends and refuses non-positive parameters', () => {
    expect(I(0, 2, 3)).toBe(0);
    expect(I(1, 2, 3)).toBe(1);
    expect(() => I(0.5, 0, 1)).toThrow(RangeError);
  });
});

describe('Beta quantile', () => {
  it('inverts the closed forms: Beta(1, 1), Beta(a, 1) and Beta(1, b)', () => {
    for (const p of [0.001, 0.025, 0.3, 0.5, 0.975, 0.999]) {
      expect(betaQuantile(p, 1, 1)).toBeCloseTo(p, 12);
      expect(betaQuantile(p, 3.5, 1)).toBeCloseTo(p ** (1 / 3.5), 12);
      expect(betaQuantile(p, 1, 7)).toBeCloseTo(1 - (1 - p) ** (1 / 7), 12);
    }
  });

  it('is the x where the CDF reaches p, for small and huge counts and at the ends of their range', () => {
    for (const [a, b] of [[1, 11], [9, 3], [0.5, 0.5], [40, 1000], [250_001, 249_001], [1_000_001, 1]]) {
      for (const p of [1e-6, 0.025, 0.5, 0.975, 1 - 1e-6]) {
        const x = betaQuantile(p, a!, b!);
        expect(x).toBeGreaterThan(0);
        expect(x).toBeLessThan(1);
        // 9 digits: near x = 1 with a density of 10^5 or more, one step between doubles moves I by ~1e-11.
        expect(I(x, a!, b!), `I(q(${p}), ${a}, ${b})`).toBeCloseTo(p, 9);
      }
    }
  });

  it('is 0 and 1 at p = 0 and 1, is 1/2 at the middle of a symmetric Beta, and refuses p outside [0, 1]', () => {
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(betaQuantile(0.5, 30, 30)).toBeCloseTo(0.5, 12);
    expect(() => betaQuantile(1.5, 2, 3)).toThrow(RangeError);
    expect(() => betaQuantile(0.5, 0, 3)).toThrow(RangeError);
  });
});
