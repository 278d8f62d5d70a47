import { describe, expect, it } from 'vitest';
import { EncodingBuilder } from '../../../../src/domain/learning/encode';
import { planCompile } from '../../../../src/domain/compile/policy';

describe('planCompile (Thompson policy for a compilation)', () => {
  it('with no evidence applies each offered nudge about half the time, and is reproducible by seed', () => {
    const plan = planCompile(new EncodingBuilder().build(), ['a', 'b'], 400, 7);
    const share = (k: string) => plan.variations.filter((v) => v.includes(k)).length / 400;
    expect(share('a')).toBeGreaterThan(0.42);
    expect(share('a')).toBeLessThan(0.58);
    expect(share('b')).toBeGreaterThan(0.42);
    expect(plan.priors).toEqual({ beneficial: [], harmful: [] });
    expect(planCompile(new EncodingBuilder().build(), ['a', 'b'], 400, 7).variations).toEqual(plan.variations);
  });

  it('learns, compilation after compilation, to apply what helps and skip what harms', () => {
    // A world where a variation passes exactly when it has "h1" and "h2" and not "bad".
    const keys = ['h1', 'h2', 'bad', 'neutral'];
    const evidence = new EncodingBuilder();
    const rates: number[] = [];
    for (let c = 0; c < 5; c++) {
      const plan = planCompile(evidence.build(), keys, 12, 100 + c);
      let passes = 0;
      for (const v of plan.variations) {
        const ok = v.includes('h1') && v.includes('h2') && !v.includes('bad');
        if (ok) passes++;
        evidence.add('spec', v, ok);
      }
      rates.push(passes / 12);
    }
    expect(rates[4]).toBeGreaterThan(rates[0]!);
    expect(rates[4]).toBeGreaterThanOrEqual(0.75);
    const last = planCompile(evidence.build(), keys, 1, 1);
    expect(last.runs).toBe(60);
    expect(last.priors.harmful.map((p) => p.nudge)).toContain('bad');
  });

  it('gives the same plan for the same runs recorded in another order', () => {
    const runs: [string[], boolean][] = [[['b'], true], [['a'], false], [['a', 'b'], true], [[], false], [['c'], true]];
    const forward = new EncodingBuilder();
    const backward = new EncodingBuilder();
    runs.forEach(([n, p]) => forward.add('s', n, p));
    [...runs].reverse().forEach(([n, p]) => backward.add('s', n, p));
    const a = planCompile(forward.build(), ['a', 'b', 'c'], 30, 9);
    expect(planCompile(backward.build(), ['a', 'b', 'c'], 30, 9).variations).toEqual(a.variations);
  });

  it('offers only the nudges asked for, though the fit sees every nudge in the evidence', () => {
    const evidence = new EncodingBuilder();
    for (let i = 0; i < 20; i++) evidence.add('s', i % 2 ? ['other'] : [], i % 2 === 1);
    const plan = planCompile(evidence.build(), ['mine'], 50, 3);
    expect(plan.variations.flat().every((k) => k === 'mine')).toBe(true);
  });
});
