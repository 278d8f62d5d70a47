import { describe, expect, it } from 'vitest';
import {
  BetAlreadyResolvedError,
  blameFor,
  errorRatio,
  isBullshit,
  nextCredibility,
  payout,
  previewStakes,
  replay,
  resolveBet,
  scarSeverity,
} from '../../../../src/domain/betting/settle';
import type { BetCorrection } from '../../../../src/domain/betting/settle';
import { fieldOf, makeBet, resolved } from './makeBet';

describe('settlement rules', () => {
  it('computes the error ratio with a 0.1h floor on the estimate', () => {
    expect(errorRatio(4, 6)).toBe(0.5);
    expect(errorRatio(4, 1)).toBe(0.75);
    expect(errorRatio(0.05, 0.1)).toBeCloseTo(0.5, 12); // 0.05 / max(0.05, 0.1)
    expect(errorRatio(4, 1, false)).toBe(0); // abandoned: only an overrun counts
    expect(errorRatio(4, 6, false)).toBe(0.5);
  });
  it('calls bullshit only at confidence >= 0.8 and error ratio > 0.5', () => {
    expect(isBullshit(0.8, 0.51)).toBe(true);
    expect(isBullshit(0.8, 0.5)).toBe(false);
    expect(isBullshit(0.79, 2)).toBe(false);
  });
  it('pays at fair odds: c = 0.75, s = 10 wins 10/3 or costs 10', () => {
    expect(payout(0.75, 10, true).tokensDelta).toBeCloseTo(10 / 3, 12);
    expect(payout(0.75, 10, true).adversaryDelta).toBeCloseTo(-10 / 3, 12);
    expect(payout(0.75, 10, false)).toEqual({ tokensDelta: -10, adversaryDelta: 10 });
  });
  it('splits one unit of blame among distinct cited principles, only for bullshit', () => {
    expect(blameFor(['a', 'b', 'a', ' c '], true)).toEqual({ a: 1 / 3, b: 1 / 3, c: 1 / 3 });
    expect(blameFor(['a', 'b'], false)).toEqual({});
  });
  it('steps credibility +0.02 / -0.05 / -0.15 inside [0, 1]', () => {
    expect(nextCredibility(0.8, { hit: true, bullshit: false })).toBe(0.82);
    expect(nextCredibility(0.8, { hit: false, bullshit: false })).toBe(0.75);
    expect(nextCredibility(0.8, { hit: false, bullshit: true })).toBe(0.65);
    expect(nextCredibility(0.99, { hit: true, bullshit: false })).toBe(1);
    expect(nextCredibility(0.1, { hit: false, bullshit: true })).toBe(0);
  });
  it('grades scar severity as min(1, errorRatio / 2)', () => {
    expect(scarSeverity(0.6)).toBeCloseTo(0.3, 12);
    expect(scarSeverity(2)).toBe(1);
    expect(scarSeverity(5)).toBe(1);
  });
});

describe('resolveBet', () => {
  it('settles a bullshit miss: credibility, tokens, blame and scars', () => {
    const bet = makeBet({ estimatedHours: 4, confidence: 0.9, stake: 20, principles: ['Test first', 'Small steps'] });
    const { bet: done, settlement } = resolveBet(bet, { actualHours: 7, completed: true, at: 5 }, { credibility: 0.9 });
    expect(done).toMatchObject({ actualHours: 7, completed: true, resolvedAt: 5 });
    expect(settlement).toMatchObject({ outcome: 'miss', hit: false, bullshit: true, errorRatio: 0.75, tokensDelta: -20, adversaryDelta: 20 });
    expect(settlement.credibilityBefore).toBe(0.9);
    expect(settlement.credibilityAfter).toBeCloseTo(0.75, 12);
    expect(settlement.blame).toEqual({ 'Test first': 0.5, 'Small steps': 0.5 });
    expect(settlement.scarsToRaise).toEqual([
      { principle: 'Test first', severity: 0.375 },
      { principle: 'Small steps', severity: 0.375 },
    ]);
  });
  it('counts a wildly early finish at high confidence as bullshit, though the wager is won', () => {
    const bet = makeBet({ estimatedHours: 8, confidence: 0.9, stake: 9 });
    const { settlement } = resolveBet(bet, { actualHours: 2, completed: true, at: 1 }, { credibility: 1 });
    expect(settlement.hit).toBe(true);
    expect(settlement.bullshit).toBe(true);
    expect(settlement.tokensDelta).toBeCloseTo(1, 12); // 9 * 0.1 / 0.9
    expect(settlement.credibilityAfter).toBeCloseTo(0.85, 12);
  });
  it('settles an abandoned bet as a miss, bullshit only for an overrun already spent', () => {
    const early = resolveBet(makeBet({ confidence: 0.9 }), { actualHours: 1, completed: false, at: 1 }, { credibility: 1 });
    expect(early.settlement).toMatchObject({ outcome: 'abandoned', hit: false, bullshit: false, errorRatio: 0, tokensDelta: -10 });
    expect(early.settlement.credibilityAfter).toBeCloseTo(0.95, 12);
    const late = resolveBet(makeBet({ confidence: 0.9 }), { actualHours: 7, completed: false, at: 1 }, { credibility: 1 });
    expect(late.settlement).toMatchObject({ outcome: 'abandoned', bullshit: true, errorRatio: 0.75 });
    expect(late.settlement.credibilityAfter).toBeCloseTo(0.85, 12);
  });
  it('refuses to resolve a bet twice, and bad outcomes', () => {
    const { bet } = resolveBet(makeBet(), { actualHours: 3, completed: true, at: 1 }, { credibility: 1 });
    expect(() => resolveBet(bet, { actualHours: 3, completed: true, at: 2 }, { credibility: 1 })).toThrow(BetAlreadyResolvedError);
    try {
      resolveBet(bet, { actualHours: 3, completed: true, at: 2 }, { credibility: 1 });
    } catch (e) {
      expect((e as Error).name).toBe('BetAlreadyResolvedError');
      expect((e as BetAlreadyResolvedError).betId).toBe(bet.id);
    }
    expect(fieldOf(() => resolveBet(makeBet(), { actualHours: -1, completed: true, at: 1 }, { credibility: 1 }))).toBe('actualHours');
  });
});

describe('replay', () => {
  // hit, hit, bullshit, miss at 70% / 70% / 90% / 70%, stake 10 each.
  const sequence = [
    resolved(3, 10),
    resolved(4, 20),
    resolved(8, 30, { confidence: 0.9, principles: ['Guess'] }),
    resolved(5, 40),
  ];

  it('derives credibility 1.0, 1.0, 0.85, 0.80 from hit, hit, bullshit, miss', () => {
    const { settlements, state } = replay(sequence);
    expect(settlements.map((s) => s.credibilityAfter)).toEqual([1, 1, 0.85, 0.8]);
    expect(state.credibility).toBe(0.8);
  });
  it('derives tokens, adversary winnings and the record', () => {
    const { state } = replay(sequence);
    const win = (10 * 0.3) / 0.7; // 4.2857...
    expect(state.tokens).toBeCloseTo(100 + 2 * win - 20, 10);
    expect(state.adversary.winnings).toBeCloseTo(20 - 2 * win, 10);
    expect(state.adversary).toMatchObject({ wins: 2, losses: 2 });
    expect(state.record).toEqual({ hits: 2, misses: 2, abandoned: 0, bullshit: 1 });
  });
  it('orders by resolution time, whatever the input order', () => {
    const shuffled = [sequence[3], sequence[1], sequence[0], sequence[2]].filter((b) => b !== undefined);
    expect(replay(shuffled).settlements.map((s) => s.credibilityAfter)).toEqual([1, 1, 0.85, 0.8]);
  });
  it('keeps open stakes aside as staked, and available = tokens - staked', () => {
    const r = replay([resolved(5, 1), makeBet({ stake: 15 }), makeBet({ stake: 5 })]);
    expect(r.state.tokens).toBe(90);
    expect(r.staked).toBe(20);
    expect(r.available).toBe(70);
  });
  it('applies the latest correction in place of the original outcome, at the original position', () => {
    const bullshitBet = sequence[2];
    if (!bullshitBet) throw new Error('fixture');
    const corrections: BetCorrection[] = [
      { kind: 'correction', of: bullshitBet.id, actualHours: 6, completed: true, at: 100 },
      { kind: 'correction', of: bullshitBet.id, actualHours: 4.5, completed: true, at: 200 },
    ];
    const r = replay(sequence, corrections);
    // The 90% bet now missed by 0.5h (ratio 0.125): an ordinary miss, -0.05, then -0.05 again.
    expect(r.settlements.map((s) => s.credibilityAfter)).toEqual([1, 1, 0.95, 0.9]);
    expect(r.state.record.bullshit).toBe(0);
    expect(r.bets[2]).toMatchObject({ actualHours: 4.5, resolvedAt: 30 });
  });
  it('refuses a correction of a bet that is open or unknown', () => {
    const open = makeBet();
    const c = (of: string): BetCorrection => ({ kind: 'correction', of, actualHours: 1, completed: true, at: 1 });
    expect(fieldOf(() => replay([open], [c(open.id)]))).toBe('of');
    expect(fieldOf(() => replay([open], [c('nope')]))).toBe('of');
  });
});

describe('previewStakes', () => {
  it('shows effective confidence, win and cost, and the bullshit band in hours', () => {
    const p = previewStakes({ confidence: 0.8, stake: 10, estimatedHours: 4 }, 0.9);
    expect(p.effectiveConfidence).toBeCloseTo(0.72, 12);
    expect(p.winOnHit).toBeCloseTo(2.5, 12);
    expect(p.costOnMiss).toBe(10);
    expect(p.bullshitApplies).toBe(true);
    expect(p.bullshitAboveHours).toBe(6);
    expect(p.bullshitBelowHours).toBe(2);
    expect(previewStakes({ confidence: 0.7, stake: 10, estimatedHours: 4 }, 1).bullshitApplies).toBe(false);
  });
});
