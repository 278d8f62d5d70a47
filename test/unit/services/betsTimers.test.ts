import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { getTimer } from '../../../src/store/timersRepo';
import { createTimerController, elapsedMs, memoryLocks, placeBet, resolveBet } from '../../../src/services/bets';
import type { TimerController } from '../../../src/services/bets';
import { freshDatabaseEachTest } from '../../support/freshDatabase';

freshDatabaseEachTest('bets-timer');
let clock = 0;
const now = () => clock;
const HOUR = 3_600_000;
beforeEach(() => {
  clock = 1_000_000;
});
/** Polls until the condition holds (live queries answer asynchronously); never a fixed sleep. */
async function until(ok: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function openBet(): Promise<string> {
  return (await placeBet({ task: 'Timed', estimatedHours: 4, confidence: 0.75, stake: 5 })).bet.id;
}

describe('bet timers', () => {
  it('runs from a stored start time, pauses into banked time and stops into hours', async () => {
    const id = await openBet();
    const tab = createTimerController({ locks: memoryLocks(), tabId: 'A', now });
    await tab.start(id);
    clock += 1.5 * HOUR;
    expect(elapsedMs(await getTimer(id), clock)).toBe(1.5 * HOUR);
    await tab.pause(id);
    clock += 5 * HOUR; // paused time does not count
    await tab.start(id);
    clock += 0.5 * HOUR;
    expect(await tab.stop(id)).toBe(2);
    expect(await getTimer(id)).toMatchObject({ running: false, bankedMs: 2 * HOUR });
  });

  it('runs in one tab at a time: the other tab can neither start nor pause it', async () => {
    const id = await openBet();
    const locks = memoryLocks();
    const a = createTimerController({ locks, tabId: 'A', now });
    const b = createTimerController({ locks, tabId: 'B', now });
    await a.start(id);
    await expect(b.start(id)).rejects.toMatchObject({ field: 'timer' });
    await expect(b.pause(id)).rejects.toThrow(/running in another tab/);
    expect((await getTimer(id))?.tabId).toBe('A');
    await a.pause(id);
    await b.start(id);
    expect((await getTimer(id))?.tabId).toBe('B');
  });

  it('is taken over, still running from the same start, when its tab goes away', async () => {
    const id = await openBet();
    const locks = memoryLocks();
    const a = createTimerController({ locks, tabId: 'A', now });
    const b: TimerController = createTimerController({ locks, tabId: 'B', now });
    await a.start(id);
    const stopWatching = b.watch();
    // The browser frees a closed or reloaded tab's locks; forget() is that release.
    await a.forget(id);
    await until(async () => (await getTimer(id))?.tabId === 'B', 'tab B to take the timer over');
    expect(await getTimer(id)).toMatchObject({ running: true, runningSince: 1_000_000 });
    clock += HOUR;
    expect(await b.stop(id)).toBe(1);
    stopWatching();
  });

  it('closes with its bet: resolving deletes the timer and it cannot restart', async () => {
    const id = await openBet();
    const tab = createTimerController({ locks: memoryLocks(), tabId: 'A', now });
    await tab.start(id);
    await resolveBet(id, { actualHours: 1, completed: true });
    expect(await getTimer(id)).toBeUndefined();
    await tab.forget(id);
    await expect(tab.start(id)).rejects.toThrow(/already resolved/);
  });
});
