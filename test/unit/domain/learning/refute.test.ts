import { describe, expect, it } from 'vitest';
import { adjustedEstimates, fitAdjusted } from '../../../../src/domain/learning/adjusted';
import { adjustmentKey } from '../../../../src/domain/learning/adjustment';
import { EncodingBuilder } from '../../../../src/domain/learning/encode';
import { checksOf, refute } from '../../../../src/domain/learning/refute';
import { mulberry32, normal } from '../../../../src/domain/random';

const sigma = (x: number) => 1 / (1 + Math.exp(-x));
const JAN = adjustmentKey('month', '2024-01');
const FEB = adjustmentKey('month', '2024-02');

function fitted(build: (e: EncodingBuilder, rng: () => number) => void, seed = 1) {
  const e = new EncodingBuilder();
  build(e, mulberry32(seed));
  const enc = e.build();
  const state = fitAdjusted(enc);
  refute(enc, state, adjustedEstimates(state));
  return { state, estimates: adjustedEstimates(state) };
}

describe('refutation checks (refute.ts, placebo.ts)', () => {
  it('pass a real effect learned on many specs', () => {
    const { estimates } = fitted((e, rng) => {
      for (let s = 0; s < 30; s++) {
        const u = normal(rng);
        for (let t = 0; t < 30; t++) {
          const x = rng() < 0.5;
          e.add(`spec ${s}`, x ? ['helps', JAN] : [JAN], rng() < sigma(u + (x ? 1 : 0)));
        }
      }
    });
    const helps = estimates.find((x) => x.nudge === 'helps')!;
    expect(helps.classification).toBe('beneficial');
    expect(helps.checks).toMatchObject({ placebo: 'passed', subset: 'passed', varies: 'passed', prior: true, reasons: [] });
    expect(helps.checks!.placeboBeaten).toBeGreaterThanOrEqual(95);
    expect(helps.checks!.halves).toEqual(['beneficial', 'beneficial']);
  });

  it('refute, by the placebo, a claim resting on a nudge adopted the month everything started passing', () => {
    // Each spec failed almost always in January and passed almost always in February; "linter"
    // was used on every February run and no January run. Within a month it never varies.
    const { estimates } = fitted((e, rng) => {
      for (let s = 0; s < 20; s++) {
        for (let t = 0; t < 12; t++) e.add(`spec ${s}`, [JAN], rng() < 0.04);
        for (let t = 0; t < 12; t++) e.add(`spec ${s}`, ['linter', FEB], rng() < 0.96);
      }
    });
    const linter = estimates.find((x) => x.nudge === 'linter')!;
    expect(linter.classification).toBe('beneficial');
    expect(linter.checks!.placebo).toBe('failed');
    expect(linter.checks!.placeboBeaten).toBe(0);
    expect(linter.checks!.prior).toBe(false);
    expect(linter.checks!.reasons.join(' ')).toContain('placebo: beats 0 of 100 labellings');
  });

  it('finds, for a nudge with no effect, that the real labels beat 95 placebos in about 5% of worlds', () => {
    let beat = 0;
    const worlds = 60;
    for (let w = 0; w < worlds; w++) {
      const e = new EncodingBuilder();
      const rng = mulberry32(100 + w);
      for (let s = 0; s < 15; s++) {
        const u = normal(rng);
        for (let t = 0; t < 12; t++) e.add(`spec ${s}`, rng() < 0.4 ? ['none'] : [], rng() < sigma(u));
      }
      const enc = e.build();
      const state = fitAdjusted(enc);
      // Force the check whatever the verdict: a claim of "beneficial" on the placebo's own terms.
      const est = adjustedEstimates(state).map((x) => ({ ...x, classification: 'beneficial' as const }));
      refute(enc, state, est);
      if ((state.refutation!.placeboBeaten[est[0]!.index] ?? 0) >= 95) beat++;
    }
    // Binomial(60, 0.05): 0 to 8 holds with probability above 99%.
    expect(beat).toBeLessThanOrEqual(8);
  });

  it('say which check failed and why, and pass only claims that passed all three', () => {
    const { state, estimates } = fitted((e, rng) => {
      for (let s = 0; s < 30; s++) for (let t = 0; t < 30; t++) {
        const x = rng() < 0.5;
        e.add(`spec ${s}`, x ? ['helps'] : [], rng() < sigma(x ? 1 : 0));
      }
    });
    const k = estimates.find((x) => x.nudge === 'helps')!.index;
    const ref = state.refutation!;
    ref.placeboBeaten[k] = 90;
    ref.halves[2 * k + 1] = 1; // uncertain on the second half
    state.heterogeneity.p[k] = 0.01;
    const c = checksOf(state, k, 'beneficial')!;
    expect(c).toMatchObject({ placebo: 'failed', subset: 'failed', varies: 'failed', prior: false });
    expect(c.reasons).toEqual([
      'placebo: beats 90 of 100 labellings shuffled within specs (needs 95)',
      'subset: on two random halves of the runs it is beneficial and uncertain, not beneficial on both',
      'varies by spec: its effect differs across specs (p = 0.010)',
    ]);
    ref.placeboBeaten[k] = -1;
    expect(checksOf(state, k, 'beneficial')!.reasons[0]).toBe('placebo not run (it runs for the top 20 of each list)');
    expect(checksOf(state, k, 'uncertain')).toBeNull();
  });
});
