/**
 * One timer per open bet, running in one tab at a time. The stored row says since when it runs
 * (so it survives reloads and every tab shows the same time); the lock `bet-timer:<id>` says
 * which tab may pause or stop it. The browser frees a tab's locks when it closes or reloads,
 * and a tab watching the timers then takes the running timer over, so a timer is never
 * orphaned and never driven by two tabs.
 */
import { ValidationError } from '../../domain/errors';
import { changeTimer, getTimer, observeTimers, type TimerRow } from '../../store/timersRepo';
import type { Live } from '../../store/live';
import type { LockManagerLike } from './locks';

export type { TimerRow };

export const MS_PER_HOUR = 3_600_000;
export const lockName = (betId: string): string => `bet-timer:${betId}`;

export function elapsedMs(row: TimerRow | undefined, now: number): number {
  if (!row) return 0;
  return row.bankedMs + (row.running && row.runningSince !== undefined ? Math.max(0, now - row.runningSince) : 0);
}

export interface TimerController {
  readonly tabId: string;
  start(betId: string): Promise<void>;
  pause(betId: string): Promise<void>;
  /** Pauses (if running here) and returns the hours on the clock, to prefill a resolution. */
  stop(betId: string): Promise<number>;
  /** Releases this tab's hold after the bet was resolved (its timer row is already gone). */
  forget(betId: string): Promise<void>;
  /** Takes over running timers whose tab has gone; returns a function that stops watching. */
  watch(): () => void;
  timers(): Live<TimerRow[]>;
}

const busy = (): ValidationError => new ValidationError('timer', 'this timer is running in another tab: pause or stop it there');

export function createTimerController(options: {
  locks: LockManagerLike;
  tabId: string;
  now?: () => number;
  /**
   * Only when locks are shared by all tabs: with a private stand-in, every tab would get the
   * lock at once and two tabs would keep taking the timer from each other.
   */
  adopt?: boolean;
}): TimerController {
  const { locks, tabId } = options;
  const now = options.now ?? Date.now;
  /** betId -> releases this tab's hold; resolves once the lock manager has let go. */
  const held = new Map<string, () => Promise<void>>();
  const waiting = new Map<string, AbortController>();
  /** Locks granted whose row is not written yet: a live update from before must not free them. */
  const settling = new Set<string>();

  /** Resolves true once this tab holds the lock (kept until `release`), false if refused. */
  const hold = (betId: string, wait: AbortSignal | undefined): Promise<boolean> =>
    new Promise((resolve, reject) => {
      const opts = wait ? { signal: wait } : { ifAvailable: true };
      // Read only when releasing, which is always after `request` has returned.
      const done: Promise<void> = locks
        .request(lockName(betId), opts, (lock) => {
          if (!lock) return resolve(false);
          return new Promise<void>((letGo) => {
            held.set(betId, () => {
              held.delete(betId);
              letGo();
              return done;
            });
            resolve(true);
          });
        })
        .then(() => undefined, reject);
    });
  const release = async (betId: string): Promise<void> => {
    await held.get(betId)?.();
  };

  const claim = (betId: string): Promise<TimerRow | undefined> =>
    changeTimer(betId, (row) => (row?.running ? { ...row, tabId, updatedAt: now() } : undefined));

  async function start(betId: string): Promise<void> {
    if (held.has(betId)) return;
    waiting.get(betId)?.abort();
    if (!(await hold(betId, undefined))) throw busy();
    settling.add(betId);
    try {
      await changeTimer(betId, (row) => {
        const t = now();
        // Holding the lock while the row says "running" means its tab is gone: keep its start.
        if (row?.running) return { ...row, tabId, updatedAt: t };
        return { betId, running: true, runningSince: t, bankedMs: row?.bankedMs ?? 0, tabId, updatedAt: t };
      });
    } catch (e) {
      await release(betId);
      throw e;
    } finally {
      settling.delete(betId);
    }
  }

  async function pause(betId: string): Promise<void> {
    const row = await getTimer(betId);
    if (!row?.running) return;
    if (!held.has(betId)) throw busy();
    await changeTimer(betId, (r) => {
      if (!r?.running) return undefined;
      const t = now();
      return { betId, running: false, bankedMs: elapsedMs(r, t), updatedAt: t };
    });
    await release(betId);
  }

  async function stop(betId: string): Promise<number> {
    await pause(betId);
    return elapsedMs(await getTimer(betId), now()) / MS_PER_HOUR;
  }

  function adoptLater(betId: string): void {
    const ctrl = new AbortController();
    waiting.set(betId, ctrl);
    hold(betId, ctrl.signal)
      .then(async () => {
        waiting.delete(betId);
        settling.add(betId);
        const row = await claim(betId).finally(() => settling.delete(betId));
        if (!row?.running || row.tabId !== tabId) await release(betId);
      })
      .catch(() => {
        // Aborted (this tab stopped watching) or the bet was resolved meanwhile: nothing to run.
        if (waiting.get(betId) === ctrl) waiting.delete(betId);
        void release(betId);
      });
  }

  function sync(rows: TimerRow[]): void {
    const byId = new Map(rows.map((r) => [r.betId, r]));
    for (const betId of [...held.keys()]) {
      const row = byId.get(betId);
      if (!settling.has(betId) && (!row?.running || row.tabId !== tabId)) void release(betId);
    }
    if (options.adopt === false) return;
    for (const row of rows) {
      if (row.running && row.tabId !== tabId && !held.has(row.betId) && !waiting.has(row.betId)) adoptLater(row.betId);
    }
  }

  function watch(): () => void {
    const sub = observeTimers().subscribe({ next: sync, error: (e) => console.error(e) });
    return () => {
      sub.unsubscribe();
      for (const ctrl of waiting.values()) ctrl.abort();
      waiting.clear();
    };
  }

  return { tabId, start, pause, stop, forget: release, watch, timers: observeTimers };
}
