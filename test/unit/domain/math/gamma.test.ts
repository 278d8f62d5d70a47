import { describe, expect, it } from 'vitest';
import { logGamma, lowerRegularizedGamma as P, upperRegularizedGamma as Q } from '../../../../src/domain/math';

// erf at 0.5, 1, 2, 3 (Abramowitz & Stegun table 7.1 / any CAS).
const ERF: [number, number][] = [
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [2, 0.9953222650189527],
  [3, 0.9999779095030014],
];

/** For whole a: P(n, x) = 1 - e^-x * sum_{k<n} x^k / k!  (an independent closed form). */
function pInteger(n: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < n; k++) {
    term *= x / k;
    sum += term;
  }
  return 1 - Math.exp(-x) * sum;
}

describe('log-gamma', () => {
  it.each([
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1, 0],
    [2, 0],
    [10, Math.log(362880)],
    [0.1, Math.log(9.513507698668732)],
    [100, 359.1342053695754],
  ])('ln Γ(%d)', (x, want) => {
    expect(logGamma(x)).toBeCloseTo(want, 11);
  });
});

describe('regularised incomplete gamma P(a, x)', () => {
  it.each([0.01, 0.1, 1, 2.5, 10, 30])('P(1, %d) = 1 - e^-x', (x) => {
    expect(P(1, x)).toBeCloseTo(1 - Math.exp(-x), 13);
  });

  it('P(2, 1) = 1 - 2/e', () => {
    expect(P(2, 1)).toBeCloseTo(1 - 2 / Math.E, 14);
  });

  it.each(ERF)('P(0.5, x) = erf(sqrt x) at sqrt x = %d', (root, erf) => {
    expect(P(0.5, root * root)).toBeCloseTo(erf, 12);
  });

  it('matches the closed form for whole shapes on both sides of the series / fraction split', () => {
    for (const a of [2, 3, 5, 10, 25]) {
      for (const x of [0.3, 1, a - 0.5, a + 1, a + 3, 2 * a, 40]) {
        expect(P(a, x), `P(${a}, ${x})`).toBeCloseTo(pInteger(a, x), 12);
      }
    }
  });

  it('keeps relative precision far in the tail, where 1 - P would round to 0', () => {
    expect(Q(1, 50) / Math.exp(-50)).toBeCloseTo(1, 10);
    expect(Q(3, 60) / (Math.exp(-60) * (1 + 60 + 1800))).toBeCloseTo(1, 10);
  });

  it('is 0 at x = 0, rises monotonically to 1, and refuses bad arguments', () => {
    expect(P(2.5, 0)).toBe(0);
    expect(Q(2.5, 0)).toBe(1);
    let prev = 0;
    for (let x = 0.05; x < 20; x += 0.05) {
      const p = P(2.5, x);
      expect(p).toBeGreaterThanOrEqual(prev);
      expect(p + Q(2.5, x)).toBeCloseTo(1, 14);
      prev = p;
    }
    expect(prev).toBeGreaterThan(0.999);
    expect(() => P(0, 1)).toThrow(RangeError);
    expect(() => P(1, -1)).toThrow(RangeError);
  });
});
