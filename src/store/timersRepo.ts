import type { Table } from 'dexie';
import { ValidationError } from '../domain/errors';
import type { Bet } from '../domain/betting/bet';
import { db } from './db';
import { live, type Live } from './live';

/**
 * A timer is stored as "running since t" plus the time banked by earlier runs, never as a
 * ticking counter: a closed or reloaded tab loses nothing, and every tab computes the same
 * elapsed time from the same row.
 */
export interface TimerRow {
  betId: string;
  running: boolean;
  /** Epoch ms when the current run started; absent while paused. */
  runningSince?: number;
  /** Milliseconds from earlier runs, before the last pause. */
  bankedMs: number;
  /** The tab that owns the running timer (holds its lock); absent while paused. */
  tabId?: string;
  updatedAt: number;
}

const timers = (): Table<TimerRow, string> => db().table<TimerRow, string>('timers');
const bets = (): Table<Bet, string> => db().table<Bet, string>('bets');

export function observeTimers(): Live<TimerRow[]> {
  return live(() => timers().toArray());
}

export function getTimer(betId: string): Promise<TimerRow | undefined> {
  return timers().get(betId);
}

/**
 * Reads and rewrites one timer in a transaction that also checks its bet is still open, so a
 * timer can never start on a bet that another tab has just resolved. `change` returns the new
 * row, or undefined to leave it as it is.
 */
export async function changeTimer(
  betId: string,
  change: (row: TimerRow | undefined) => TimerRow | undefined,
): Promise<TimerRow | undefined> {
  const d = db();
  return d.transaction('rw', timers(), bets(), async () => {
    const bet = await bets().get(betId);
    if (!bet) throw new ValidationError('id', `there is no bet with id ${betId}`);
    if (bet.resolvedAt !== undefined) throw new ValidationError('id', `bet ${betId} is already resolved: its timer is closed`);
    const row = await timers().get(betId);
    const next = change(row);
    if (next) await timers().put(next);
    return next ?? row;
  });
}
