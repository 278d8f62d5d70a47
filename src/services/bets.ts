/**
 * Bets as use cases: place, resolve, correct, and the live views of the bets and calibration
 * pages. The form, a spec's task menu and the command bar all come through here, so every way
 * of betting is checked by the same domain rules against the same balance.
 */
import { ValidationError } from '../domain/errors';
import { seedFrom } from '../domain/random';
import type { Scar } from '../domain/scars/types';
import { newScar } from './scars';
import { newId } from '../domain/ids';
import { isResolved, type Bet } from '../domain/betting/bet';
import {
  BetAlreadyResolvedError,
  applyCorrections,
  replay,
  resolveBet as settleBet,
  type BetCorrection,
  type Settlement,
} from '../domain/betting/settle';
import { previewStakes, type StakesPreview } from '../domain/betting/outcome';
import { suggestPrinciples } from '../domain/betting/principles';
import { addCorrection, getBet, insertBet, observeRecord, readRecord, resolveStoredBet, type BetRecord } from '../store/betsRepo';
import type { Live } from '../store/live';
import { BetDraftError, readActualHours, readDraft, type BetDraft } from './bets/draft';
import { memoryLocks, type LockManagerLike } from './bets/locks';
import { createTimerController, type TimerController } from './bets/timers';
import { calibrationOf, dashboardOf, forecastInput, forecastView, principleUsageOf } from './bets/views';
import { bettingRulesAt, observeRuledRecord, type BettingRules, type RulesAt } from './bets/rules';
import { mapLiveAsync } from './liveMap';
import type { TaskClosing } from './specs/closeTask';
import { learner } from '../learner/client';
import { observeResolutionConflicts, type OtherResolution } from '../store/deviceRecordsRepo';
import type { CalibrationData, Dashboard, ForecastView, ResolvedBetView } from './bets/views';

export type { Bet, Settlement, StakesPreview, BetDraft, CalibrationData, Dashboard, ForecastView, ResolvedBetView, BettingRules };
export type { TimerController };
export type { OtherResolution };
export type { TimerRow } from './bets/timers';
export type { PrincipleHealth } from '../domain/betting/principles';
export type { ReliabilityBin, RollingPoint, AccuracyBin } from '../domain/betting/calibration';
export type { ForecastSummary } from '../domain/betting/forecast';
export type { FieldErrors, BetField, DraftPreview } from './bets/draft';
export { BetAlreadyResolvedError, BetDraftError, suggestPrinciples };
export { readDraft, previewDraft, messageAtField, understoodConfidence } from './bets/draft';
export { elapsedMs, MS_PER_HOUR } from './bets/timers';
export { exportBets, importBets, BetImportError, type BetFile, type BetFileFormat, type ImportResult } from './bets/transfer';

export interface PlacedBet {
  bet: Bet;
  /** How a typed confidence was read, e.g. "75% (read as a percentage)". */
  confidenceUnderstood?: string;
  preview: StakesPreview;
}

/**
 * Places a bet. Throws BetDraftError (a ValidationError naming every bad field) and writes
 * nothing when an input is wrong or the stake is above the tokens not already at stake.
 */
export async function placeBet(draft: BetDraft, now = Date.now()): Promise<PlacedBet> {
  const rulesAt = await bettingRulesAt();
  const before = replay(...recordArgs(await readRecord()), rulesAt);
  const read = readDraft(draft, before.available);
  if (!read.input) throw new BetDraftError(read.errors);
  const bet: Bet = { id: newId('bet', now), ...read.input, placedAt: now };
  if (draft.specId) bet.specId = draft.specId;
  if (draft.taskAnchor) bet.taskAnchor = draft.taskAnchor;
  // Checked again inside the write: another tab may have staked tokens since the read above.
  await insertBet(bet, (record) => {
    const again = readDraft(draft, replay(...recordArgs(record), rulesAt).available);
    if (!again.input) throw new BetDraftError(again.errors);
  });
  const result: PlacedBet = { bet, preview: previewStakes(bet, before.state.credibility, rulesAt(now)) };
  if (read.confidenceUnderstood) result.confidenceUnderstood = read.confidenceUnderstood;
  return result;
}

export interface OutcomeInput {
  /** Hours as a number or text ("3.5", "3h 30m", "0"). */
  actualHours: number | string;
  completed: boolean;
}

export interface ResolvedBet {
  bet: Bet;
  settlement: Settlement;
  /** Closing the bet's task, proposed through governance when the bet was completed and its task is still open. */
  closeTask?: TaskClosing;
}

/**
 * Resolves an open bet with its actual hours, completed or abandoned. Resolving a resolved bet
 * throws BetAlreadyResolvedError; an unknown id throws a ValidationError on `id`. Either way
 * nothing is written.
 */
export async function resolveBet(id: string, outcome: OutcomeInput, now = Date.now()): Promise<ResolvedBet> {
  return withTaskClosing(await settleResolution(id, outcome, now));
}

/** Proposes closing the resolved bet's task when it was completed and the task is still open (services/specs/closeTask.ts). */
export async function withTaskClosing(resolved: ResolvedBet): Promise<ResolvedBet> {
  // Loaded when a bet resolves: it reads the spec document (Yjs, Markdown), which the pages
  // that only show bets (and the HUD's credibility) never need.
  const { proposeClosingTaskOfBet } = await import('./specs/closeTask');
  const closeTask = await proposeClosingTaskOfBet(resolved.bet);
  return closeTask ? { ...resolved, closeTask } : resolved;
}

/** resolveBet without proposing to close the task: for a caller that writes the task's token first (specs/taskBets.ts). */
export async function settleResolution(id: string, outcome: OutcomeInput, now = Date.now()): Promise<ResolvedBet> {
  const actualHours = readActualHours(outcome.actualHours);
  const rulesAt = await bettingRulesAt();
  const record = await resolveStoredBet(id, (bet, current) => {
    const { credibility } = replay(...recordArgs(current), rulesAt).state;
    const { bet: resolved, settlement } = settleBet(bet, { actualHours, completed: outcome.completed, at: now }, { credibility }, rulesAt(now));
    return { bet: resolved, scars: bullshitScars(resolved, settlement, now), logPayload: resolutionPayload(settlement, actualHours, outcome.completed) };
  });
  await timers().forget(id);
  return settledIn(record, id, rulesAt);
}

/** "Blame flows to principles that misled": a bullshit bet scars each principle it cited. */
function bullshitScars(bet: Bet, settlement: Settlement, at: number): Scar[] {
  return settlement.scarsToRaise.map(({ principle, severity }) =>
    newScar({
      // One scar per bet and principle: resolving is refused twice, and the id keeps it so.
      id: `scar_${bet.id}_${seedFrom(principle).toString(36)}`,
      locus: { kind: 'principle', ref: principle },
      trigger: 'bullshit_bet',
      severity,
      description: `Bullshit bet “${bet.task}”: ${bet.estimatedHours}h at ${Math.round(bet.confidence * 100)}%, took ${bet.actualHours}h (error ratio ${settlement.errorRatio.toFixed(2)}).`,
      at,
    }),
  );
}

function resolutionPayload(s: Settlement, actualHours: number, completed: boolean): Record<string, unknown> {
  return {
    betId: s.betId,
    actualHours,
    completed,
    outcome: s.outcome,
    bullshit: s.bullshit,
    errorRatio: s.errorRatio,
    credibilityBefore: s.credibilityBefore,
    credibilityAfter: s.credibilityAfter,
    tokensDelta: s.tokensDelta,
    adversaryDelta: s.adversaryDelta,
  };
}

/**
 * Records a correction of a resolved bet: a new event naming it, never an edit. The settlement
 * is replayed at the bet's original place in the sequence, under the rules in force when it
 * was resolved. A correction that makes the bet bullshit scars each principle it cited, like
 * a bullshit resolution, in the correction's own transaction (a principle scarred at the
 * resolution keeps that one scar: the ids are per bet and principle).
 */
export async function correctBet(id: string, outcome: OutcomeInput, now = Date.now()): Promise<ResolvedBet> {
  const correction: BetCorrection = { kind: 'correction', of: id, actualHours: readActualHours(outcome.actualHours), completed: outcome.completed, at: now };
  const rulesAt = await bettingRulesAt();
  await addCorrection(correction, (record) => {
    const corrected = replay(record.bets, [...record.corrections, correction], rulesAt);
    const bet = corrected.bets.find((b) => b.id === id);
    const settlement = corrected.settlements.find((s) => s.betId === id);
    return bet && settlement ? bullshitScars(bet, settlement, now) : [];
  });
  return settledIn(await readRecord(), id, rulesAt);
}

/** What resolving an open bet this way would do, for the resolve dialog; undefined if unreadable. */
export function previewResolution(bet: Bet, outcome: OutcomeInput, credibility: number, rules?: BettingRules): Settlement | undefined {
  try {
    const actualHours = readActualHours(outcome.actualHours);
    return settleBet(bet, { actualHours, completed: outcome.completed, at: Date.now() }, { credibility }, rules).settlement;
  } catch {
    return undefined;
  }
}

/** A bet as it counts now (corrections applied), or undefined. */
export async function findBet(id: string): Promise<Bet | undefined> {
  if (!(await getBet(id))) return undefined;
  const record = await readRecord();
  return applyCorrections(record.bets, record.corrections).find((b) => b.id === id);
}

export function bettingDashboard(): Live<Dashboard> {
  return mapLive(observeRuledRecord(), ({ record, rulesAt }) => dashboardOf(record, rulesAt));
}

/**
 * Bets resolved on two paired devices while apart: for each, the resolutions that do not
 * count (the earlier resolution counts on every device; the others are shown, never dropped).
 */
export function otherResolutions(): Live<Map<string, OtherResolution[]>> {
  return observeResolutionConflicts();
}

export function calibrationData(): Live<CalibrationData> {
  return mapLive(observeRecord(), (r) => calibrationOf(r));
}

/** Monte Carlo of the open bets (the rules' forecastDraws, seeded), redone whenever the bets or the rules change. */
export function openBetsForecast(): Live<ForecastView> {
  return mapLiveAsync(observeRuledRecord(), async ({ record, rulesAt }) => {
    const { forecastDraws, forecastMinResolved, forecastFallbackSigma } = rulesAt(Number.POSITIVE_INFINITY);
    const { summary, totals, ms } = await learner().forecast(forecastInput(record), { forecastDraws, forecastMinResolved, forecastFallbackSigma });
    return forecastView(summary, totals, ms);
  });
}

/** Every principle ever cited, with how many bets cite it. */
export function knownPrinciples(): Live<Map<string, number>> {
  return mapLive(observeRecord(), principleUsageOf);
}

let controller: TimerController | undefined;

/** This tab's bet timers; Web Locks make "one tab at a time" hold across tabs. */
export function timers(): TimerController {
  const shared = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  controller ??= createTimerController({ locks: shared ?? memoryLocks(), tabId: newId('tab'), adopt: shared !== undefined });
  return controller;
}

/** For tests: a controller for a simulated tab. */
export { createTimerController, memoryLocks };

function recordArgs(record: BetRecord): [Bet[], BetCorrection[]] {
  return [record.bets, record.corrections];
}

function settledIn(record: BetRecord, id: string, rulesAt: RulesAt): ResolvedBet {
  const r = replay(...recordArgs(record), rulesAt);
  const bet = r.bets.find((b) => b.id === id);
  const settlement = r.settlements.find((s) => s.betId === id);
  if (!bet || !isResolved(bet) || !settlement) throw new ValidationError('id', `bet ${id} was not settled`);
  return { bet, settlement };
}

function mapLive<A, B>(source: Live<A>, f: (a: A) => B): Live<B> {
  return {
    subscribe(observer) {
      return source.subscribe({
        next: (a) => {
          let b: B;
          try {
            b = f(a);
          } catch (e) {
            observer.error?.(e);
            return;
          }
          observer.next?.(b);
        },
        error: (e) => observer.error?.(e),
      });
    },
  };
}
