import { describe, expect, it } from 'vitest';
import { logBeta as lbeta, regularizedIncompleteBeta } from '../../../../src/domain/math';
import { probGreater } from '../../../../src/domain/learning/beta';
import { EncodingBuilder } from '../../../../src/domain/learning/encode';
import { rawEstimates } from '../../../../src/domain/learning/raw';

/** P(X > Y), X ~ Beta(a1, b1), Y ~ Beta(a2, b2), integer a1: the exact finite sum (Evan Miller). */
function exactSum(a1: number, b1: number, a2: number, b2: number): number {
  let p = 0;
  for (let i = 0; i < a1; i++) p += Math.exp(lbeta(a2 + i, b1 + b2) - Math.log(b1 + i) - lbeta(1 + i, b1) - lbeta(a2, b2));
  return p;
}

describe('probGreater', () => {
  it('matches the hand computation for Beta(4,2) vs Beta(2,4): 113/126', () => {
    // 1 - 20 B(4,7) - 100 B(5,6) = 1 - 1/42 - 5/63
    expect(probGreater(4, 2, 2, 4)).toBeCloseTo(113 / 126, 12);
  });
  it.each([
    [1, 1, 1, 1],
    [3, 9, 5, 4],
    [12, 30, 40, 70],
    [200, 100, 180, 120],
    [2, 1, 900, 40],
  ])('matches the exact sum for Beta(%i,%i) vs Beta(%i,%i)', (a1, b1, a2, b2) => {
    expect(probGreater(a1, b1, a2, b2)).toBeCloseTo(exactSum(a1, b1, a2, b2), 9);
  });
  it('handles non-integer and huge parameters', () => {
    expect(probGreater(2.5, 3.5, 3.5, 2.5) + probGreater(3.5, 2.5, 2.5, 3.5)).toBeCloseTo(1, 10);
    // Two posteriors from ~half a million runs each, 0.3 pp apart: sd of the difference
    // ~ 0.001, so P ~ Phi(0.003 / 0.00099) ~ 0.9988.
    const p = probGreater(250_001 + 1500, 250_001 - 1500, 250_001, 250_001);
    expect(p).toBeGreaterThan(0.998);
    expect(p).toBeLessThan(0.9995);
  });
  it('rejects parameters below 1', () => {
    expect(() => probGreater(0.5, 1, 1, 1)).toThrow(RangeError);
  });
  it('computes the incomplete beta of small integers exactly', () => {
    // I_x(2, 4) = 1 - (1-x)^5 - 5x(1-x)^4
    const x = 0.3;
    expect(regularizedIncompleteBeta(x, 2, 4)).toBeCloseTo(1 - 0.7 ** 5 - 5 * 0.3 * 0.7 ** 4, 13);
  });
});

describe('rawEstimates', () => {
  it('gives the hand-computed posterior means, effect and P(beneficial)', () => {
    // Nudge "x": 3 of 4 runs with it passed, 1 of 4 without.
    const b = new EncodingBuilder();
    for (const passed of [true, true, true, false]) b.add('s', ['x'], passed);
    for (const passed of [true, false, false, false]) b.add('s', [], passed);
    const [x] = rawEstimates(b.build());
    expect(x!.nudge).toBe('x');
    expect(x!.with).toEqual({ runs: 4, passes: 3, fails: 1, mean: 4 / 6 });
    expect(x!.without).toEqual({ runs: 4, passes: 1, fails: 3, mean: 2 / 6 });
    expect(x!.effect).toBeCloseTo(1 / 3, 12);
    expect(x!.pBeneficial).toBeCloseTo(113 / 126, 10);
    // Var Beta(4,2) = 8 / (36 * 7); the interval is effect +- 1.96 sqrt(2 var).
    const sd = Math.sqrt((2 * 8) / (36 * 7));
    expect(x!.lo).toBeCloseTo(1 / 3 - 1.959963984540054 * sd, 12);
    expect(x!.hi).toBeCloseTo(1 / 3 + 1.959963984540054 * sd, 12);
  });
  it('uses run weights for passes and fails but counts runs', () => {
    const b = new EncodingBuilder();
    b.add('s', ['x'], true, 0.5);
    b.add('s', ['x'], false);
    b.add('s', [], true);
    const [x] = rawEstimates(b.build());
    expect(x!.with).toEqual({ runs: 2, passes: 0.5, fails: 1, mean: 1.5 / 3.5 });
    expect(x!.without.runs).toBe(1);
  });
});
