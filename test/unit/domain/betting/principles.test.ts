import { describe, expect, it } from 'vitest';
import { principleHealth, principleUsage, principleVerdict, suggestPrinciples } from '../../../../src/domain/betting/principles';
import { makeBet, resolved } from './makeBet';

describe('principle verdict', () => {
  it('labels by P(rate_p > r) and P(rate_p < r) at 0.8', () => {
    // r = 0.5, 8 hits: Beta(11, 3); P(rate > 0.5) = 1 - 92/8192.
    const good = principleVerdict({ hits: 8, misses: 0 }, 0.5);
    expect(good).toMatchObject({ alpha: 11, beta: 3, label: 'predictive' });
    expect(good.health).toBeCloseTo(11 / 14, 12);
    expect(good.pAbove).toBeCloseTo(1 - 92 / 8192, 10);
    // 1 hit, 2 misses: Beta(4, 5); P(rate < 0.5) = P(Bin(8, 1/2) >= 4) = 163/256 = 0.637: unproven.
    const meh = principleVerdict({ hits: 1, misses: 2 }, 0.5);
    expect(meh.pBelow).toBeCloseTo(163 / 256, 10);
    expect(meh.label).toBe('unproven');
    // 0 hits, 4 misses: Beta(3, 7); P(rate < 0.5) = P(Bin(9, 1/2) >= 3) = 466/512 = 0.910.
    const bad = principleVerdict({ hits: 0, misses: 4 }, 0.5);
    expect(bad.pBelow).toBeCloseTo(466 / 512, 10);
    expect(bad.label).toBe('discredited');
  });
  it('shrinks towards a base rate that is not one half', () => {
    // r = 0.75, no data: Beta(4, 2), mean 2/3.
    expect(principleVerdict({ hits: 0, misses: 0 }, 0.75).health).toBeCloseTo(4 / 6, 12);
  });
  it('stays unproven when the base rate is 0 or 1 (no contrast to measure)', () => {
    expect(principleVerdict({ hits: 0, misses: 3 }, 0).label).toBe('unproven');
    expect(principleVerdict({ hits: 3, misses: 0 }, 1).label).toBe('unproven');
  });
});

describe('principle health over bets', () => {
  const bets = [
    ...Array.from({ length: 8 }, (_, i) => resolved(3, i + 1, { principles: ['A'] })),
    ...Array.from({ length: 7 }, (_, i) => resolved(5, i + 10, { principles: ['B'] })),
    // A bullshit miss: 90% sure of 4h, took 8h; its blame is split between B and D.
    resolved(8, 20, { confidence: 0.9, principles: ['B', 'D'] }),
    resolved(3, 21, { principles: ['C'] }),
    resolved(5, 22, { principles: ['C'] }),
    makeBet({ principles: ['C', 'E'] }),
  ];
  const report = principleHealth(bets);
  const get = (name: string) => report.principles.find((p) => p.principle === name);

  it('uses the base rate over all resolved bets (9 of 18)', () => {
    expect(report.baseRate).toBe(0.5);
    expect(report.resolved).toBe(18);
  });
  it('gives counts, health, labels and blame per principle', () => {
    expect(get('A')).toMatchObject({ n: 8, hits: 8, misses: 0, label: 'predictive', blame: 0 });
    expect(get('B')).toMatchObject({ n: 8, hits: 0, misses: 8, label: 'discredited', blame: 0.5 });
    expect(get('B')?.health).toBeCloseTo(3 / 14, 12);
    expect(get('C')).toMatchObject({ n: 2, open: 1, label: 'unproven' });
    expect(get('C')?.health).toBeCloseTo(0.5, 12);
    expect(get('D')).toMatchObject({ n: 1, misses: 1, blame: 0.5, label: 'unproven' });
    expect(get('D')?.pBelow).toBeCloseTo(42 / 64, 10); // Beta(3, 4)
    expect(get('E')).toMatchObject({ n: 0, open: 1, label: 'unproven' });
  });
  it('lists the most-cited principles first', () => {
    expect(report.principles.map((p) => p.principle)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });
  it('takes a base rate of one half before anything is resolved', () => {
    expect(principleHealth([makeBet({ principles: ['X'] })]).baseRate).toBe(0.5);
  });
});

describe('suggestPrinciples', () => {
  const citations = ['Test first', 'test first', 'Test first', 'Timebox', 'Timebox', 'Write tests before', 'Small steps', 'Small steps', 'Small steps', 'Small steps'];
  it('matches case-insensitively, prefix matches first, then by usage', () => {
    expect(suggestPrinciples('te', citations)).toEqual(['Test first', 'Small steps', 'Write tests before']);
    expect(suggestPrinciples('T', citations, 2)).toEqual(['Test first', 'Timebox']);
  });
  it('ranks everything by usage for an empty prefix, and accepts usage counts', () => {
    expect(suggestPrinciples('', citations)).toEqual(['Small steps', 'Test first', 'Timebox', 'Write tests before']);
    const usage = principleUsage([makeBet({ principles: ['Spike', 'Pair'] }), makeBet({ principles: ['Pair', 'Pair'] })]);
    expect(usage.get('Pair')).toBe(2);
    expect(suggestPrinciples('p', usage)).toEqual(['Pair', 'Spike']); // 'Spike' contains a p
  });
});
