import { describe, expect, it } from 'vitest';
import { adjustedEstimates, fitAdjusted } from '../../../../src/domain/learning/adjusted';
import { EncodingBuilder } from '../../../../src/domain/learning/encode';
import { chiSquareSurvival } from '../../../../src/domain/learning/heterogeneity';
import { mulberry32, normal } from '../../../../src/domain/random';

const sigma = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * 60 specs of 40 runs. "some" helps (+1.2) on 40% of the specs only and is used mostly there
 * (60%, else 10%); "all" helps (+0.5) everywhere and is used at random. Truth: the AME over the
 * runs, P(pass | with) - P(pass | without) for every run, the effect being its spec's.
 */
function world(seed: number) {
  const rng = mulberry32(seed);
  const e = new EncodingBuilder();
  const truth = { some: 0, all: 0 };
  const S = 60;
  const T = 40;
  for (let s = 0; s < S; s++) {
    const u = 1.5 * normal(rng);
    const helped = rng() < 0.4;
    const bSome = helped ? 1.2 : 0;
    for (let t = 0; t < T; t++) {
      const some = rng() < (helped ? 0.6 : 0.1);
      const all = rng() < 0.3;
      const eta0 = u + (all ? 0.5 : 0) + (some ? bSome : 0);
      truth.some += sigma(eta0 - (some ? bSome : 0) + bSome) - sigma(eta0 - (some ? bSome : 0));
      truth.all += sigma(eta0 - (all ? 0.5 : 0) + 0.5) - sigma(eta0 - (all ? 0.5 : 0));
      e.add(`spec ${s}`, [...(some ? ['some'] : []), ...(all ? ['all'] : [])], rng() < sigma(eta0));
    }
  }
  return { enc: e.build(), truth: { some: (100 * truth.some) / (S * T), all: (100 * truth.all) / (S * T) } };
}

describe('an effect that varies by spec (heterogeneity.ts)', () => {
  const { enc, truth } = world(4);
  const st = fitAdjusted(enc);
  const est = adjustedEstimates(st);
  const some = est.find((e) => e.nudge === 'some')!;
  const all = est.find((e) => e.nudge === 'all')!;
  const h = st.heterogeneity;

  it('flags a nudge that helps only where it is used, and not one that helps everywhere', () => {
    expect(h.p[some.index]!).toBeLessThan(0.01);
    expect(h.gamma[some.index]!).toBeGreaterThan(0.5);
    expect(h.p[all.index]!).toBeGreaterThan(0.05);
  });
  it('centres the AME on all runs, not on the specs where the nudge was used', () => {
    // The fixed-effect AME describes the specs that used it, and misses the truth.
    const fe = 100 * st.ame.value[3 * some.index]!;
    expect(fe - truth.some).toBeGreaterThan(2);
    expect(Math.abs(some.ame - truth.some)).toBeLessThan(Math.abs(fe - truth.some) / 2);
    expect(some.lo).toBeLessThan(truth.some);
    expect(some.hi).toBeGreaterThan(truth.some);
  });
  it('leaves an effect that is the same everywhere as the fixed-effect estimate', () => {
    expect(Math.abs(all.ame - 100 * st.ame.value[3 * all.index]!)).toBeLessThan(0.3);
    expect(h.widen[all.index]!).toBeLessThan(1.1);
    expect(all.lo).toBeLessThan(truth.all);
    expect(all.hi).toBeGreaterThan(truth.all);
  });
  it('uses the chi-square survival function for Cochran\'s Q', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 8);
    expect(chiSquareSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 8);
    expect(chiSquareSurvival(0, 4)).toBe(1);
  });
});
