import { formatBetToken, insertBetToken, replaceToken } from '../../domain/spec/edits';
import { parseTokens } from '../../domain/spec/tokens';
import { taskTitle } from '../../domain/spec/format';
import type { BetToken } from '../../domain/spec/types';
import type { Bet } from '../../domain/betting/bet';
import { editSpecText } from '../../sync/specText';
import { placeBet, settleResolution, timers, withTaskClosing, type BetDraft, type OutcomeInput, type PlacedBet, type ResolvedBet } from '../bets';
import { findTask, type TaskRef } from './tasks';

/** What the task menu asks for; the task, spec and anchor come from the task line itself. */
export type TaskBetDraft = Omit<BetDraft, 'task' | 'specId' | 'taskAnchor'>;

function tokenInput(bet: Bet, outcome?: { status: 'hit' | 'miss' | 'abandoned'; actualHours?: number }) {
  return {
    estimatedHours: bet.estimatedHours,
    confidence: bet.confidence,
    quantiles: bet.quantiles ?? [],
    id: bet.id,
    ...(outcome ? { outcome } : {}),
  };
}

/**
 * Places a bet on a task through the bets service (same rules and balance as the Bets page),
 * then writes `[Bet: 4h @ 75% #id]` on the task's line, replacing any bet token already there.
 */
export async function placeBetOnTask(specId: string, ref: TaskRef, draft: TaskBetDraft, currentText: string): Promise<PlacedBet> {
  const task = findTask(currentText, ref);
  const placed = await placeBet({ ...draft, task: taskTitle(task) || ref.text, specId, taskAnchor: `line ${task.line}: ${taskTitle(task)}` });
  await editSpecText(specId, (current) => insertBetToken(current, findTask(current, ref), tokenInput(placed.bet)));
  return placed;
}

/** Hours on the bet's timer (paused by this call), to prefill the resolve dialog. */
export function hoursOnTimer(betId: string): Promise<number> {
  return timers().stop(betId);
}

/** Resolves the bet a task carries and writes its resolved form into the token. */
export async function resolveTaskBet(specId: string, betId: string, outcome: OutcomeInput): Promise<ResolvedBet> {
  const resolved = await settleResolution(betId, outcome);
  const { bet, settlement } = resolved;
  await editSpecText(specId, (current) => {
    const token = parseTokens(current).find((t): t is BetToken => t.kind === 'bet' && t.id === betId);
    if (!token) return []; // the token was deleted meanwhile; the bet is resolved all the same
    const status = settlement.outcome;
    return replaceToken(current, token, formatBetToken(tokenInput(bet, { status, ...(bet.actualHours !== undefined ? { actualHours: bet.actualHours } : {}) })));
  });
  // After the token is written, so closing's checkpoint (its rollback) keeps the resolution.
  return withTaskClosing(resolved);
}
