import { ValidationError } from '../../../../src/domain/errors';
import type { Bet } from '../../../../src/domain/betting/bet';

let counter = 0;

/** An open 4h bet at 70% for 10 tokens, overridden field by field. */
export function makeBet(over: Partial<Bet> = {}): Bet {
  counter++;
  return {
    id: `bet_${counter}`,
    task: `task ${counter}`,
    estimatedHours: 4,
    confidence: 0.7,
    stake: 10,
    principles: [],
    context: [],
    placedAt: 1_700_000_000_000 + counter * 1000,
    ...over,
  };
}

/** A resolved bet: completed unless said otherwise, resolved at `at`. */
export function resolved(actualHours: number, at: number, over: Partial<Bet> = {}): Bet {
  return makeBet({ actualHours, completed: true, resolvedAt: at, ...over });
}

/** The field named by the ValidationError `fn` throws (fails the test if it throws nothing). */
export function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.field;
    throw e;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}
