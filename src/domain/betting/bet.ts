/**
 * A bet is an estimate a person is willing to lose focus tokens over (DOMAIN.md section 2).
 * Confidence means P(actual <= estimated); times are epoch milliseconds.
 */
import { ValidationError } from '../errors';
import { validateQuantiles } from './quantile';
import type { Quantile } from './quantile';


export interface Bet {
  id: string;
  task: string;
  specId?: string;
  taskAnchor?: string;
  estimatedHours: number;
  confidence: number;
  stake: number;
  principles: string[];
  context: string[];
  placedAt: number;
  /** Range bet: "4h @ 50%, 6h @ 80%, 9h @ 95%", hours and p both strictly increasing. */
  quantiles?: Quantile[];
  actualHours?: number;
  completed?: boolean;
  resolvedAt?: number;
}

/** Abandoned is kept apart from miss for the record, but it settles exactly like a miss. */
export type BetState = 'open' | 'hit' | 'miss' | 'abandoned';

/** What a person states when placing a bet, before the app gives it an id and a time. */
export interface BetInput {
  task: string;
  estimatedHours: number;
  confidence: number;
  stake: number;
  quantiles?: Quantile[];
}

export function isResolved(bet: Bet): boolean {
  return bet.resolvedAt !== undefined;
}

/** A hit needs completion: an abandoned task never came in under its estimate. */
export function isHit(bet: Bet): boolean {
  return (
    isResolved(bet) &&
    bet.completed === true &&
    bet.actualHours !== undefined &&
    bet.actualHours <= bet.estimatedHours
  );
}

export function betState(bet: Bet): BetState {
  if (!isResolved(bet)) return 'open';
  if (bet.completed !== true) return 'abandoned';
  return isHit(bet) ? 'hit' : 'miss';
}

const isPositive = (x: number): boolean => typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * Checks a bet before it is placed. Throws a ValidationError naming the first bad field, so the
 * form can put the message next to it. `balance` is the focus tokens the person can still risk.
 */
export function validateBetInput(input: BetInput, ctx: { balance: number }): void {
  if (typeof input.task !== 'string' || input.task.trim() === '') {
    throw new ValidationError('task', 'say which task this bet is about');
  }
  if (!isPositive(input.estimatedHours)) {
    throw new ValidationError('estimatedHours', `must be a number of hours above 0 (got ${String(input.estimatedHours)})`);
  }
  const c = input.confidence;
  if (typeof c !== 'number' || !Number.isFinite(c) || c <= 0 || c >= 1) {
    throw new ValidationError('confidence', `must be strictly between 0% and 100% (got ${String(c)})`);
  }
  if (!isPositive(input.stake)) {
    throw new ValidationError('stake', `must be more than 0 focus tokens (got ${String(input.stake)})`);
  }
  if (input.stake > ctx.balance) {
    throw new ValidationError('stake', `${input.stake} is more than the ${ctx.balance} focus tokens you have`);
  }
  if (input.quantiles !== undefined) validateQuantiles(input.quantiles);
}

export { parseConfidence, parseHours, parseQuantiles } from './betText';
export type { ParsedConfidence } from './betText';
export { validateQuantiles } from './quantile';
export type { Quantile } from './quantile';
