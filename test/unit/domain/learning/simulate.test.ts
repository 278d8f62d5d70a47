import { describe, expect, it } from 'vitest';
import { generateEvidence, loggedNudges, makeWorld, passProbability, trueAme } from '../../../../src/domain/learning/simulate';
import { coverage, scoreEstimators, signAccuracy } from '../../../../src/domain/learning/simulateMetrics';
import { runPolicy } from '../../../../src/domain/learning/simulatePolicy';
import { mulberry32 } from '../../../../src/domain/random';

const sigma = (x: number) => 1 / (1 + Math.exp(-x));

describe('simulated worlds', () => {
  it('are reproducible from their seed, with half the specs hard', () => {
    const a = makeWorld({ seed: 4, effects: [0.5, -0.5], specs: 10 });
    const b = makeWorld({ seed: 4, effects: [0.5, -0.5], specs: 10 });
    expect([...a.specIntercepts]).toEqual([...b.specIntercepts]);
    expect(a.hard.reduce((s, h) => s + h, 0)).toBe(5);
    const e1 = generateEvidence(a, 50, 'random', 1);
    const e2 = generateEvidence(b, 50, 'random', 1);
    expect([...e1.passed]).toEqual([...e2.passed]);
    expect([...e1.nudgeIdx]).toEqual([...e2.nudgeIdx]);
  });
  it('confound on request: hard-spec nudges on hard specs, followers with their leader', () => {
    const w = makeWorld({ seed: 2, effects: [0, 0, 0, 0], specs: 8, hardSpecNudges: [0], companions: [[2, 1]] });
    const rng = mulberry32(5);
    const out: number[] = [];
    let onHard = 0, onEasy = 0, together = 0, leader = 0;
    for (let i = 0; i < 4000; i++) {
      const s = i % 8;
      loggedNudges(w, s, 'confounded', rng, out);
      if (out.includes(0)) {
        if (w.hard[s]) onHard++;
        else onEasy++;
      }
      if (out.includes(1)) {
        leader++;
        if (out.includes(2)) together++;
      }
    }
    expect(onHard / 2000).toBeCloseTo(0.85, 1);
    expect(onEasy / 2000).toBeCloseTo(0.1, 1);
    expect(together / leader).toBeCloseTo(0.85, 1);
  });
  it('computes the true AME from the true model', () => {
    // One spec, one nudge: every run's eta0 is the spec intercept a, so AME = sigma(a + b) - sigma(a).
    const one = makeWorld({ seed: 9, effects: [0.7], specs: 1 });
    const a = one.specIntercepts[0]!;
    expect(trueAme(one, generateEvidence(one, 30, 'random', 3))[0]).toBeCloseTo(100 * (sigma(a + 0.7) - sigma(a)), 10);
    // Two nudges: eta0 of nudge 0 includes nudge 1 on the runs that had it.
    const two = makeWorld({ seed: 9, effects: [0.7, -0.4], specs: 1 });
    const enc = generateEvidence(two, 40, 'random', 3);
    let expected = 0;
    for (let i = 0; i < enc.n; i++) {
      const row = [...enc.nudgeIdx.subarray(enc.offsets[i]!, enc.offsets[i + 1]!)];
      const other = row.includes(1) ? -0.4 : 0;
      expected += sigma(a + other + 0.7) - sigma(a + other);
    }
    expect(trueAme(two, enc)[0]).toBeCloseTo((100 * expected) / enc.n, 10);
  });
  it('integrates run-level noise into the pass probability', () => {
    const w = makeWorld({ seed: 1, effects: [], specs: 1, noiseSd: 1.5 });
    expect(passProbability(w, 0)).toBeCloseTo(0.5, 12);
    // Noise pulls probabilities toward 1/2: E sigma(eta + s Z) ~ sigma(eta / sqrt(1 + pi s^2 / 8)).
    expect(passProbability(w, 2)).toBeLessThan(sigma(2));
    expect(passProbability(w, 2)).toBeCloseTo(sigma(2 / Math.sqrt(1 + (Math.PI * 1.5 ** 2) / 8)), 2);
  });
});

describe('metrics', () => {
  it('count signs only for effects of at least 5 pp, and zero as wrong', () => {
    expect(signAccuracy([3, -1, 0, 8], [10, -6, 7, 2])).toEqual({ correct: 2, total: 3, accuracy: 2 / 3 });
    expect(signAccuracy([1], [1]).accuracy).toBeNaN();
  });
  it('measure coverage as the share of intervals holding the truth', () => {
    expect(coverage([0, 0, 0, 0], [1, 1, 1, 1], [0.5, 1, 2, -1])).toBe(0.5);
  });
});

describe('raw vs adjusted on a confounded world (1,000 runs)', () => {
  // Nudge 4 truly helps (+0.6 log-odds) but is used mostly on hard specs; nudge 5 is neutral
  // and also used on hard specs; nudge 6 is neutral but rides along with harmful nudge 1.
  const effects = [0.8, -0.8, 0.5, -0.5, 0.6, 0, 0, 0.3, -0.3, 0];
  const worlds = [1, 2, 3].map((seed) => {
    const world = makeWorld({ seed, effects, specs: 20, specSd: 1.5, hardSpecNudges: [4, 5], companions: [[6, 1]] });
    return scoreEstimators(world, generateEvidence(world, 1000, 'confounded', 100 + seed));
  });
  it.each([0, 1, 2])('world %i: adjusted signs are at least as accurate as raw, and all right', (i) => {
    const s = worlds[i]!;
    expect(s.adjusted.sign.total).toBeGreaterThanOrEqual(5);
    expect(s.adjusted.sign.accuracy).toBeGreaterThanOrEqual(s.raw.sign.accuracy);
    expect(s.adjusted.sign.accuracy).toBe(1);
    // The hard-spec nudge looks harmful raw, helpful adjusted.
    expect(s.raw.estimate[4]).toBeLessThan(0);
    expect(s.adjusted.estimate[4]).toBeGreaterThan(0);
  });
  it('adjusted 95% intervals hold the true AME at their nominal rate; raw ones do not', () => {
    // 30 worlds, 300 intervals: honest 95% intervals hold the truth at least 270 times with
    // probability 0.9997 (binomial), so fewer means the intervals are too narrow.
    const many = Array.from({ length: 30 }, (_, i) => {
      const world = makeWorld({ seed: 1 + i, effects, specs: 20, specSd: 1.5, hardSpecNudges: [4, 5], companions: [[6, 1]] });
      return scoreEstimators(world, generateEvidence(world, 1000, 'confounded', 101 + i));
    });
    const adjusted = many.reduce((sum, s) => sum + s.adjusted.coverage, 0) / many.length;
    const raw = many.reduce((sum, s) => sum + s.raw.coverage, 0) / many.length;
    expect(adjusted).toBeGreaterThanOrEqual(0.9);
    expect(raw).toBeLessThan(0.8);
  });
});

describe('next-attempt policies', () => {
  const world = makeWorld({ seed: 1, effects: [0.8, -0.8, 0.5, -0.5, 0.6, 0, 0, 0.3, -0.3, 0], specs: 20, specSd: 1.5 });
  const rate = Object.fromEntries(
    (['random', 'oracle', 'naive', 'thompson'] as const).map((p) => [p, runPolicy(world, p, { runs: 1000, seed: 3 }).passRate]),
  );
  it('Thompson sampling learns: far above random, above the naive rule, near the oracle', () => {
    expect(rate.thompson!).toBeGreaterThan(rate.random! + 0.1);
    expect(rate.thompson!).toBeGreaterThan(rate.naive!);
    expect(rate.oracle!).toBeGreaterThan(rate.thompson! - 0.02);
    expect(rate.thompson!).toBeGreaterThan(rate.oracle! - 0.1);
  });
  it('records every run it played', () => {
    const played = runPolicy(world, 'naive', { runs: 120, seed: 4 });
    expect(played.evidence.n).toBe(120);
    expect(played.passRate).toBeCloseTo(played.evidence.passed.reduce((s, y) => s + y, 0) / 120, 12);
  });
});
