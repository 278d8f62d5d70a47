/**
 * What the bets pages show, derived from the stored record by the domain on every change.
 * Nothing here is stored: replaying a few thousand bets takes milliseconds, and a derived
 * number cannot disagree with the bets it came from.
 */
import { betState, isResolved, type Bet, type BetState } from '../../domain/betting/bet';
import { replay, type BettingState, type Settlement } from '../../domain/betting/settle';
import { principleHealth, principleUsage, type PrincipleHealth } from '../../domain/betting/principles';
import {
  calibrationSummary,
  estimationAccuracy,
  forecastsOfBets,
  reliabilityBins,
  rollingBrier,
  type CalibrationSummary,
  type EstimationAccuracy,
  type ReliabilityBin,
  type RollingPoint,
} from '../../domain/betting/calibration';
import { chanceWithin, type ForecastSummary } from '../../domain/betting/forecast';
import { defaultRulesAt, type BettingRules, type RulesAt } from '../../domain/betting/rules';
import type { BetRecord } from '../../store/betsRepo';

export const RECENT_RECORD = 10;

export interface ResolvedBetView {
  /** As it counts now, corrections applied. */
  bet: Bet;
  settlement: Settlement;
  corrected: boolean;
}

export interface Dashboard {
  state: BettingState;
  /** Tokens minus the stakes of open bets: what a new bet may risk. */
  available: number;
  staked: number;
  /** The adversary's last results, newest first, from the person's side: hit, miss or abandoned. */
  recent: Exclude<BetState, 'open'>[];
  baseRate: number;
  principles: PrincipleHealth[];
  /** Newest first. */
  open: Bet[];
  resolved: ResolvedBetView[];
  total: number;
  /** The betting rules in force now (the constitution's): what a new bet is previewed and settled by. */
  rules: BettingRules;
  /** Credibility and tokens the record started from. */
  start: { credibility: number; tokens: number };
}

/** Each bet settled by the rules in force when it was resolved (`rulesAt`), previews by today's. */
export function dashboardOf(record: BetRecord, rulesAt: RulesAt = defaultRulesAt): Dashboard {
  const r = replay(record.bets, record.corrections, rulesAt);
  const byId = new Map(r.bets.map((b) => [b.id, b]));
  const correctedIds = new Set(record.corrections.map((c) => c.of));
  const resolved = r.settlements
    .map((settlement) => ({ bet: byId.get(settlement.betId) as Bet, settlement, corrected: correctedIds.has(settlement.betId) }))
    .reverse();
  const health = principleHealth(r.bets, rulesAt);
  return {
    state: r.state,
    available: r.available,
    staked: r.staked,
    recent: resolved.slice(0, RECENT_RECORD).map((v) => v.settlement.outcome),
    baseRate: health.baseRate,
    principles: health.principles,
    open: r.bets.filter((b) => !isResolved(b)).reverse(),
    resolved,
    total: r.bets.length,
    rules: rulesAt(Number.POSITIVE_INFINITY),
    start: r.start,
  };
}

export interface CalibrationData {
  summary: CalibrationSummary;
  bins: ReliabilityBin[];
  rolling: RollingPoint[];
  accuracy: EstimationAccuracy;
  /** Resolved bets by outcome, to say plainly what the numbers rest on. */
  outcomes: Record<Exclude<BetState, 'open'>, number>;
}

export function calibrationOf(record: BetRecord, rollingWindow = 10): CalibrationData {
  const { bets } = replay(record.bets, record.corrections);
  const resolved = bets.filter(isResolved);
  const outcomes = { hit: 0, miss: 0, abandoned: 0 };
  for (const b of resolved) outcomes[betState(b) as keyof typeof outcomes]++;
  return {
    summary: calibrationSummary(resolved),
    bins: reliabilityBins(forecastsOfBets(resolved)),
    rolling: rollingBrier(resolved, rollingWindow),
    accuracy: estimationAccuracy(resolved),
    outcomes,
  };
}

export interface ForecastView {
  summary: ForecastSummary;
  /** Share of simulated totals within the budget, from the same draws as the summary. */
  chanceWithin(budgetHours: number): number;
  /** How long the simulation took on this device, in ms (it runs in the learner worker). */
  ms: number;
}

/** The bets a forecast needs (corrections applied): what is sent to the worker. */
export function forecastInput(record: BetRecord): Bet[] {
  return replay(record.bets, record.corrections).bets;
}

export function forecastView(summary: ForecastSummary, totals: Float64Array, ms: number): ForecastView {
  return { summary, chanceWithin: (h) => chanceWithin(totals, h), ms };
}

/** Principle names with how many bets cite each, for autocomplete. */
export function principleUsageOf(record: BetRecord): Map<string, number> {
  return principleUsage(record.bets);
}
