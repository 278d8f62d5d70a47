/**
 * Settling bets. Credibility, focus tokens and the adversary's tally are never stored on their
 * own: they are always `replay`ed from the bets (and corrections), so they cannot drift from
 * the record they summarise.
 */
import { ValidationError } from '../errors';
import { betState, isResolved } from './bet';
import type { Bet, BetState } from './bet';
import { DEFAULT_BETTING_RULES, defaultRulesAt, type BettingRules, type RulesAt } from './rules';
import {
  blameFor,
  distinctPrinciples,
  errorRatio,
  isBullshit,
  nextCredibility,
  payout,
  scarSeverity,
} from './outcome';
import { BetAlreadyResolvedError } from './errors';
export { BetAlreadyResolvedError };

export * from './outcome';

export interface Outcome {
  actualHours: number;
  completed: boolean;
  at: number;
}

export interface Settlement {
  betId: string;
  outcome: Exclude<BetState, 'open'>;
  hit: boolean;
  bullshit: boolean;
  errorRatio: number;
  credibilityBefore: number;
  credibilityAfter: number;
  tokensDelta: number;
  adversaryDelta: number;
  blame: Record<string, number>;
  scarsToRaise: { principle: string; severity: number }[];
}

export interface BettingState {
  credibility: number;
  tokens: number;
  /** The adversary wins when the person misses (abandoned included) and loses on a hit. */
  adversary: { winnings: number; wins: number; losses: number };
  record: { hits: number; misses: number; abandoned: number; bullshit: number };
}

export function initialBettingState(rules: BettingRules = DEFAULT_BETTING_RULES): BettingState {
  return {
    credibility: rules.credibilityStart,
    tokens: rules.focusTokensStart,
    adversary: { winnings: 0, wins: 0, losses: 0 },
    record: { hits: 0, misses: 0, abandoned: 0, bullshit: 0 },
  };
}

function checkOutcome(o: Outcome): void {
  if (typeof o.actualHours !== 'number' || !Number.isFinite(o.actualHours) || o.actualHours < 0) {
    throw new ValidationError('actualHours', `must be 0 or more hours (got ${String(o.actualHours)})`);
  }
  if (typeof o.completed !== 'boolean') throw new ValidationError('completed', 'say whether the task was completed');
  if (typeof o.at !== 'number' || !Number.isFinite(o.at)) throw new ValidationError('at', 'needs a resolution time');
}

/**
 * Resolves an open bet. An abandoned bet (completed = false) settles as a miss; its error ratio
 * counts only the overrun already spent before giving up (see errorRatio), so abandoning early
 * for a good reason is an ordinary miss, while abandoning after a large overrun at high
 * confidence is still bullshit.
 */
export function resolveBet(
  bet: Bet,
  outcome: Outcome,
  state: Pick<BettingState, 'credibility'>,
  rules: BettingRules = DEFAULT_BETTING_RULES,
): { bet: Bet; settlement: Settlement } {
  if (isResolved(bet)) throw new BetAlreadyResolvedError(bet.id);
  checkOutcome(outcome);
  const resolved: Bet = { ...bet, actualHours: outcome.actualHours, completed: outcome.completed, resolvedAt: outcome.at };
  const outcomeState = betState(resolved) as Settlement['outcome'];
  const hit = outcomeState === 'hit';
  const ratio = errorRatio(bet.estimatedHours, outcome.actualHours, outcome.completed, rules.minEstimateHours);
  const bullshit = isBullshit(bet.confidence, ratio, rules);
  const { tokensDelta, adversaryDelta } = payout(bet.confidence, bet.stake, hit);
  const severity = scarSeverity(ratio);
  const settlement: Settlement = {
    betId: bet.id,
    outcome: outcomeState,
    hit,
    bullshit,
    errorRatio: ratio,
    credibilityBefore: state.credibility,
    credibilityAfter: nextCredibility(state.credibility, { hit, bullshit }, rules),
    tokensDelta,
    adversaryDelta,
    blame: blameFor(bet.principles, bullshit),
    scarsToRaise: bullshit ? distinctPrinciples(bet.principles).map((principle) => ({ principle, severity })) : [],
  };
  return { bet: resolved, settlement };
}

export function applySettlement(state: BettingState, s: Settlement): BettingState {
  const { record, adversary } = state;
  return {
    credibility: s.credibilityAfter,
    tokens: state.tokens + s.tokensDelta,
    adversary: {
      winnings: adversary.winnings + s.adversaryDelta,
      wins: adversary.wins + (s.hit ? 0 : 1),
      losses: adversary.losses + (s.hit ? 1 : 0),
    },
    record: {
      hits: record.hits + (s.outcome === 'hit' ? 1 : 0),
      misses: record.misses + (s.outcome === 'miss' ? 1 : 0),
      abandoned: record.abandoned + (s.outcome === 'abandoned' ? 1 : 0),
      bullshit: record.bullshit + (s.bullshit ? 1 : 0),
    },
  };
}

/**
 * A resolution is never edited: a mistake is fixed by a new event that names the bet. Replay
 * uses the latest correction (by `at`, then by list order) in place of the original outcome,
 * at the original's place in the sequence: a typo fixed a month later should change that bet's
 * settlement, not move it to the end where it would hit a different credibility.
 */
export interface BetCorrection {
  kind: 'correction';
  of: string;
  actualHours: number;
  completed: boolean;
  at: number;
}

/** The bets as they should have been resolved. Correcting an open or unknown bet is an error. */
export function applyCorrections(bets: readonly Bet[], corrections: readonly BetCorrection[]): Bet[] {
  const latest = new Map<string, BetCorrection>();
  for (const c of corrections) {
    const prev = latest.get(c.of);
    if (!prev || c.at >= prev.at) latest.set(c.of, c);
  }
  const byId = new Map(bets.map((b) => [b.id, b]));
  for (const c of latest.values()) {
    const target = byId.get(c.of);
    if (!target || !isResolved(target)) {
      throw new ValidationError('of', `correction refers to bet ${c.of}, which is not a resolved bet`);
    }
    checkOutcome(c);
  }
  return bets.map((b) => {
    const c = latest.get(b.id);
    return c ? { ...b, actualHours: c.actualHours, completed: c.completed } : b;
  });
}

export interface ReplayResult {
  state: BettingState;
  /** Where the replay started: the rules' credibilityStart and focusTokensStart. */
  start: { credibility: number; tokens: number };
  /** One per resolved bet, in resolution order. */
  settlements: Settlement[];
  /** The input bets with corrections applied, in input order. */
  bets: Bet[];
  /** Stakes of open bets: what a miss on all of them would cost. */
  staked: number;
  /** Tokens minus open stakes: the balance to validate a new stake against. */
  available: number;
}

/**
 * Derives the whole betting state from the bets, in resolution order (stable on ties). Each
 * bet settles under the rules in force when it was resolved (`rulesAt`); the starting
 * credibility and tokens are those of the rules in force at the first resolution (the rules
 * now, before any).
 */
export function replay(bets: readonly Bet[], corrections: readonly BetCorrection[] = [], rulesAt: RulesAt = defaultRulesAt): ReplayResult {
  const corrected = applyCorrections(bets, corrections);
  const resolved = corrected
    .map((bet, i) => ({ bet, i }))
    .filter(({ bet }) => isResolved(bet))
    .sort((a, b) => (a.bet.resolvedAt ?? 0) - (b.bet.resolvedAt ?? 0) || a.i - b.i);
  let state = initialBettingState(rulesAt(resolved[0]?.bet.resolvedAt ?? Number.POSITIVE_INFINITY));
  const start = { credibility: state.credibility, tokens: state.tokens };
  const settlements: Settlement[] = [];
  for (const { bet } of resolved) {
    const { actualHours, completed, resolvedAt, ...placed } = bet;
    if (completed === undefined) {
      throw new ValidationError('completed', `bet ${bet.id} is resolved but does not say whether it was completed`);
    }
    const outcome = { actualHours: actualHours ?? Number.NaN, completed, at: resolvedAt ?? 0 };
    const { settlement } = resolveBet(placed, outcome, state, rulesAt(outcome.at));
    settlements.push(settlement);
    state = applySettlement(state, settlement);
  }
  const staked = corrected.filter((b) => !isResolved(b)).reduce((sum, b) => sum + b.stake, 0);
  return { state, start, settlements, bets: corrected, staked, available: state.tokens - staked };
}
