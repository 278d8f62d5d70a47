import { describe, expect, it } from 'vitest';
import { choleskyInPlace } from '../../../../src/domain/learning/linalg';
import { naiveChoice, naiveScores, naiveScoresOfRuns } from '../../../../src/domain/learning/naive';
import { EncodingBuilder } from '../../../../src/domain/learning/encode';
import { thompsonChoice, thompsonDraw } from '../../../../src/domain/learning/thompson';
import { mulberry32 } from '../../../../src/domain/random';
import type { Run } from '../../../../src/domain/evidence/run';

describe('Thompson sampling', () => {
  // Precision [[4, 2], [2, 5]] -> Sigma = [[5, -2], [-2, 4]] / 16.
  const precision = Float64Array.from([4, 2, 2, 5]);
  choleskyInPlace(precision, 2);
  const post = { mean: Float64Array.from([0.3, -0.2]), precisionCholesky: precision };

  it('draws b from N(b_hat, Sigma) with Sigma the inverse precision', () => {
    const rng = mulberry32(2024);
    const n = 40000;
    let m0 = 0, m1 = 0, s00 = 0, s11 = 0, s01 = 0;
    for (let i = 0; i < n; i++) {
      const d = thompsonDraw(post, rng);
      const a = d[0]! - 0.3;
      const b = d[1]! + 0.2;
      m0 += a; m1 += b; s00 += a * a; s11 += b * b; s01 += a * b;
    }
    expect(m0 / n).toBeCloseTo(0, 2);
    expect(m1 / n).toBeCloseTo(0, 2);
    expect(s00 / n).toBeCloseTo(5 / 16, 2);
    expect(s11 / n).toBeCloseTo(4 / 16, 2);
    expect(s01 / n).toBeCloseTo(-2 / 16, 2);
  });
  it('never chooses an adjustment term (a model or a month is not something to apply)', () => {
    const masked = { ...post, mean: Float64Array.from([5, 5]), applicable: Uint8Array.from([0, 1]) };
    const rng = mulberry32(3);
    for (let i = 0; i < 50; i++) expect(thompsonChoice(masked, rng)).toEqual([1]);
  });
  it('applies the nudges whose draw is positive, reproducibly for a seed', () => {
    const a = thompsonChoice(post, mulberry32(7));
    expect(thompsonChoice(post, mulberry32(7))).toEqual(a);
    // Near-certain posterior: the choice is the sign of the mean.
    const sure = Float64Array.from([1e4, 0, 0, 1e4]);
    choleskyInPlace(sure, 2);
    expect(thompsonChoice({ mean: Float64Array.from([0.3, -0.2]), precisionCholesky: sure }, mulberry32(1))).toEqual([0]);
    // Nudge 0 is applied about P(b_0 > 0) = Phi(0.3 / sqrt(5/16)) = 0.704 of the time.
    const rng = mulberry32(11);
    let applied = 0;
    for (let i = 0; i < 20000; i++) if (thompsonChoice(post, rng).includes(0)) applied++;
    expect(applied / 20000).toBeCloseTo(0.704, 1);
  });
});

describe('the naive baseline', () => {
  it('adds -1 per failed run to every nudge it applied', () => {
    const b = new EncodingBuilder(['a', 'b', 'c']);
    b.add('s', ['a', 'b'], false);
    b.add('s', ['a'], false);
    b.add('s', ['a', 'c'], true);
    b.add('s', ['b'], false, 0.5);
    expect([...naiveScores(b.build())]).toEqual([-2, -1.5, 0]);
  });
  it('scores stored runs by key', () => {
    const run = (nudges: string[], passed: boolean): Run => ({ id: 'x', specHash: 'h', nudges, passed, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual', at: 0 });
    const scores = naiveScoresOfRuns([run(['A', 'b'], false), run(['a'], false), run(['c'], true)]);
    expect(Object.fromEntries(scores)).toEqual({ a: -2, b: -1, c: 0 });
  });
  it('as a policy applies the less-blamed half', () => {
    expect(naiveChoice(Float64Array.from([-5, 0, -1, -3]))).toEqual([1, 2, 3]);
    expect(naiveChoice(Float64Array.from([0, 0]))).toEqual([0, 1]);
    expect(naiveChoice(new Float64Array(0))).toEqual([]);
  });
});
