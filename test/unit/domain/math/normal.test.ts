import { describe, expect, it } from 'vitest';
import { normalQuantile, Z95 } from '../../../../src/domain/math';

describe('normal quantile', () => {
  it('matches tabulated values', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 6);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232, 6);
  });

  it('is odd around 1/2 and infinite at the ends', () => {
    for (const p of [1e-9, 0.01, 0.02425, 0.2, 0.4]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 8);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives Z95, the constant every 95% interval uses', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(Z95, 8);
  });
});
