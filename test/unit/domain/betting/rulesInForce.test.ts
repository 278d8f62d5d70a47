import { describe, expect, it } from 'vitest';
import { DEFAULT_BETTING_RULES, rulesInForce, type BettingRules } from '../../../../src/domain/betting/rules';
import { replay } from '../../../../src/domain/betting/settle';
import { principleHealth } from '../../../../src/domain/betting/principles';
import { forecastOpenBets } from '../../../../src/domain/betting/forecast';
import { makeBet, resolved } from './makeBet';

/*
 * Settlement under two constitutions with different betting rules: each bet is settled by the
 * rules in force when it was resolved, so an amendment changes later resolutions, not earlier.
 */

const T1 = 1_700_000_100_000; // the first constitution adopted
const T2 = 1_700_000_500_000; // amended
const strict: BettingRules = DEFAULT_BETTING_RULES;
const lenient: BettingRules = { ...DEFAULT_BETTING_RULES, bullshitConfidence: 0.9, missPenalty: 0.1, hitReward: 0.05, credibilityStart: 0.9 };
const rulesAt = rulesInForce([
  { createdAt: T2, constitution: { bettingRules: lenient } },
  { createdAt: T1, constitution: { bettingRules: strict } },
]);

describe('the betting rules in force', () => {
  it('are those of the last constitution adopted at or before a time (the first before any)', () => {
    expect(rulesAt(T1 - 1)).toBe(strict);
    expect(rulesAt(T1)).toBe(strict);
    expect(rulesAt(T2 - 1)).toBe(strict);
    expect(rulesAt(T2)).toBe(lenient);
    expect(rulesAt(Number.POSITIVE_INFINITY)).toBe(lenient);
    expect(rulesInForce([])(T2)).toBe(DEFAULT_BETTING_RULES);
  });

  it('settle each bet by the rules of its resolution: the same overrun is bullshit before the amendment and a miss after', () => {
    // 85% sure of 4h, took 8h (error ratio 1): bullshit at 80%, not at 90%.
    const before = resolved(8, T2 - 1000, { confidence: 0.85, principles: ['ship small'] });
    const after = resolved(8, T2 + 1000, { confidence: 0.85, principles: ['ship small'] });
    const r = replay([before, after], [], rulesAt);
    expect(r.start.credibility).toBe(1); // the strict rules were in force at the first resolution
    expect(r.settlements.map((s) => s.bullshit)).toEqual([true, false]);
    expect(r.settlements.map((s) => s.credibilityAfter)).toEqual([0.85, 0.75]); // -0.15 strict bullshit, then -0.1 lenient miss
    expect(r.settlements[0]?.scarsToRaise).toEqual([{ principle: 'ship small', severity: 0.5 }]);
    expect(r.settlements[1]?.scarsToRaise).toEqual([]);
    // Under the lenient rules alone the history would read differently: the amendment did not rewrite it.
    const rewritten = replay([before, after], [], () => lenient);
    expect(rewritten.settlements.map((s) => s.bullshit)).toEqual([false, false]);
    expect(rewritten.start.credibility).toBe(0.9);
    // Principle blame follows the resolution's rules too: one bullshit bet, not two, not none.
    expect(principleHealth(r.bets, rulesAt).principles[0]?.blame).toBe(1);
    expect(principleHealth(r.bets, () => lenient).principles[0]?.blame).toBe(0);
  });

  it('start the record from the rules in force at its first resolution', () => {
    const late = replay([resolved(3, T2 + 5, { confidence: 0.7 }), makeBet()], [], rulesAt);
    expect(late.start).toEqual({ credibility: 0.9, tokens: 100 });
    expect(late.state.credibility).toBeCloseTo(0.95, 12); // a hit at +0.05
  });

  it('drive principle verdicts and the forecast by the rules in force now', () => {
    const bets = [
      ...Array.from({ length: 6 }, (_, i) => resolved(3, T1 + i, { principles: ['p'] })),
      ...Array.from({ length: 6 }, (_, i) => resolved(6, T1 + 10 + i)),
    ];
    const decisive = principleHealth(bets, () => ({ ...strict, principleDecisiveProbability: 0.99 })).principles[0];
    expect(principleHealth(bets, () => strict).principles[0]?.label).toBe('predictive');
    expect(decisive?.label).toBe('unproven');
    // With 2 completed bets, 5 are needed to resample history; with forecastMinResolved 2 it is used.
    const two = [resolved(8, 1), resolved(8, 2), makeBet({ estimatedHours: 4 })];
    expect(forecastOpenBets(two, { rules: strict }).ratioSource).toBe('prior');
    const fromHistory = forecastOpenBets(two, { rules: { ...strict, forecastMinResolved: 2 } });
    expect(fromHistory).toMatchObject({ ratioSource: 'history', p50: 8 });
    expect(forecastOpenBets([makeBet()], { rules: { ...strict, forecastDraws: 20_000 } }).draws).toBe(20_000);
  });
});
