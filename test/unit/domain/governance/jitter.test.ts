import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSTITUTION } from '../../../../src/domain/governance/constitution';
import { learnerJitter, outsideCorridor, sliceJitter } from '../../../../src/domain/governance/jitter';
import type { GovernedEvent } from '../../../../src/domain/ledger/logEntry';
import { T0, asLog, filler } from './logHelpers';

describe('learner jitter', () => {
  it('is the mean absolute change (pp) between consecutive refits, over nudges present in both', () => {
    const refits: Record<string, number>[] = [
      { a: 10, b: -5 },
      { a: 14, b: -5, c: 3 }, // |4|, |0|; c is new
      { a: 12, b: -8, c: 9 }, // |2|, |3|, |6|
    ];
    expect(learnerJitter(refits)).toBeCloseTo((4 + 0 + 2 + 3 + 6) / 5, 12);
  });

  it('is null with fewer than two refits or nothing in common', () => {
    expect(learnerJitter([])).toBeNull();
    expect(learnerJitter([{ a: 1 }])).toBeNull();
    expect(learnerJitter([{ a: 1 }, { b: 2 }])).toBeNull();
  });

  it('is outside the corridor only above maxPp', () => {
    expect(outsideCorridor(5, { maxPp: 5 })).toBe(false);
    expect(outsideCorridor(5.1, { maxPp: 5 })).toBe(true);
    expect(outsideCorridor(null, { maxPp: 5 })).toBe(false);
  });

  it('reads the refits of the current slice from the log', () => {
    const refit = (a: number): GovernedEvent => ({ kind: 'refit_recorded', at: T0, payload: { effects: { a } } });
    // seq 0 (slice 0) is an older refit; seq 16 and 17 are in the current slice.
    const log = asLog([refit(-40), ...filler(15), refit(10), refit(16)]);
    expect(sliceJitter(log, DEFAULT_CONSTITUTION, T0)).toBe(6);
  });
});
