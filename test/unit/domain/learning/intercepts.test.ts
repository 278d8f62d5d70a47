import { describe, expect, it } from 'vitest';
import { adjustedEstimates, fitAdjusted } from '../../../../src/domain/learning/adjusted';
import { EncodingBuilder } from '../../../../src/domain/learning/encode';
import { mulberry32, normal } from '../../../../src/domain/random';

const sigma = (x: number) => 1 / (1 + Math.exp(-x));

/** S specs of T runs, intercepts ~ N(0, sd^2); "x" (+0.8) used with probability use(u) on a spec of intercept u. */
function world(seed: number, S: number, T: number, sd: number, use: (u: number) => number) {
  const rng = mulberry32(seed);
  const e = new EncodingBuilder();
  let truth = 0;
  for (let s = 0; s < S; s++) {
    const u = sd * normal(rng);
    for (let t = 0; t < T; t++) {
      const x = rng() < use(u);
      truth += sigma(u + 0.8) - sigma(u);
      e.add(`spec ${s}`, x ? ['x'] : [], rng() < sigma(u + (x ? 0.8 : 0)));
    }
  }
  return { enc: e.build(), truth: (100 * truth) / (S * T) };
}

describe('spec intercepts by empirical Bayes (intercepts.ts)', () => {
  it('estimate how far specs differ from the data, not from a fixed prior', () => {
    const narrow = fitAdjusted(world(1, 1500, 4, 0.5, () => 0.4).enc);
    const wide = fitAdjusted(world(2, 1500, 4, 2, () => 0.4).enc);
    expect(narrow.intercepts.sigma).toBeGreaterThan(0.3);
    expect(narrow.intercepts.sigma).toBeLessThan(0.75);
    expect(wide.intercepts.sigma).toBeGreaterThan(1.6);
    expect(wide.intercepts.sigma).toBeLessThan(2.4);
  });

  it('give the AME over the runs when a nudge is used mostly on hard specs (the usage term)', () => {
    const { enc, truth } = world(3, 2500, 4, 1.5, (u) => 0.1 + 0.75 * sigma(-2 * u));
    const st = fitAdjusted(enc);
    const x = adjustedEstimates(st).find((e) => e.nudge === 'x')!;
    // Hard specs use it: how a spec uses it says how hard it is.
    expect(st.intercepts.c[st.intercepts.columns.indexOf(st.nudgeKeys.indexOf('x'))]!).toBeLessThan(-1);
    expect(x.lo).toBeLessThan(truth);
    expect(x.hi).toBeGreaterThan(truth);
    expect(Math.abs(x.ame - truth)).toBeLessThan(1.5);
  });
});
