import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { db, useDatabase } from '../../../src/store/db';
import { appendGoverned, logSessionBeforeFirstEntry, withGovernedLog } from '../../../src/store/logRepo';
import { currentEthicsFold } from '../../../src/store/ethicsFoldRepo';
import { scheduleHeadRefresh } from '../../../src/store/headsRepo';
import { hudStatus } from '../../../src/services/governance/hudStatus';
import { governanceSnapshot } from '../../../src/services/governance/snapshot';
import { logSessionWhenGoverned, sessionId } from '../../../src/services/governance/session';
import { fullCheck } from '../../../src/store/logVerification';
import { deviceKey } from '../../../src/store/deviceKeyRepo';
import { mulberry32 } from '../../../src/domain/random';
import type { ConstitutionRecord } from '../../../src/domain/governance/constitutionChain';
import type { GovernedEvent, LogEntry } from '../../../src/domain/ledger/logEntry';
import { constitutionChainForTests, randomLog } from '../domain/governance/randomLog';

/*
 * The HUD's veto dial reads the log's standing from the running fold every append keeps, the
 * current slice and this page's own session: it must show what reading the whole governed log
 * shows (governanceSnapshot), and what the log now holds once the log was changed behind the
 * store's back.
 */

let name = '';
let records: ConstitutionRecord[];
beforeAll(async () => {
  // As at start-up: the page's session is tracked before its id is used anywhere.
  logSessionWhenGoverned();
  records = await constitutionChainForTests();
});
beforeEach(() => {
  name = `hud-${Math.random().toString(36).slice(2)}`;
  useDatabase(name);
  // Each database gets this page's session entry before its first governed entry.
  logSessionBeforeFirstEntry(() => ({ kind: 'session_started', at: 1, payload: { sessionId: sessionId() } }));
});
afterEach(async () => {
  db().close();
  await Promise.all([Dexie.delete(name), Dexie.delete(`${name}-ledger-tree`)]);
});

const event = (e: LogEntry): GovernedEvent => ({ kind: e.kind, at: e.at, payload: e.payload });

/** The constitution line up to `k`, written as it is stored (no log entries of its own). */
async function adopt(k: number): Promise<void> {
  for (let i = 0; i <= k; i++) await db().constitutions.put({ ...(records[i] as ConstitutionRecord), createdAt: 1000 + i });
}

async function reference(now: number) {
  const { record, status } = await governanceSnapshot(now);
  return { record, status };
}

/** A random log whose session 's1' is this page's, appended in random batches. */
async function fill(seed: number): Promise<{ entries: LogEntry[]; now: number }> {
  const { entries, now } = randomLog(seed, records);
  const mine = entries.map((e) => (e.payload.sessionId === 's1' ? { ...e, payload: { ...e.payload, sessionId: sessionId() } } : e));
  const r = mulberry32(seed);
  for (let i = 0; i < mine.length; ) {
    const batch = mine.slice(i, i + 1 + Math.floor(r() * 8));
    await withGovernedLog([], async (log) => batch.forEach((e) => log.append(event(e))));
    i += batch.length;
  }
  return { entries: mine, now };
}

describe('hudStatus', () => {
  it('shows what the whole governed log shows, on random logs and constitutions', { timeout: 60_000 }, async () => {
    let automated = 0;
    for (let seed = 1; seed <= 30; seed++) {
      if (seed > 1) {
        db().close();
        await Dexie.delete(name);
        name = `hud-${seed}-${Math.random().toString(36).slice(2)}`;
        useDatabase(name);
        logSessionBeforeFirstEntry(() => ({ kind: 'session_started', at: 1, payload: { sessionId: sessionId() } }));
      }
      await adopt(seed % records.length);
      const { now } = await fill(seed);
      const fast = await hudStatus(now, true);
      expect(fast, `seed ${seed}`).toEqual(await reference(now));
      automated += fast.status.automatedThisSession;
      // Appends since are read as they come.
      await appendGoverned({ kind: 'action_applied', at: now, payload: { actionId: 'x', action: 'refit_priors', hazard: 'low', externalCost: 1, automated: true, viaChapel: false, sessionId: sessionId() } });
      expect(await hudStatus(now, true), `seed ${seed}, after an append`).toEqual(await reference(now));
    }
    expect(automated).toBeGreaterThan(0); // the page's own session was counted, not only others'
  });

  it('follows the log when its newest entries are deleted behind the store (the fold is rebuilt)', async () => {
    await adopt(0);
    const at = 5000;
    await appendGoverned({ kind: 'fuse_reset', at, payload: { by: 'self' } });
    await appendGoverned({ kind: 'veto', at: at + 1, payload: { actionId: 'a', by: 'self' } });
    expect((await hudStatus(at + 2, true)).status.fuse).toBe('tripped');
    const newest = (await db().log.orderBy('seq').last())!.seq;
    await db().log.delete(newest); // the veto
    const after = await hudStatus(at + 2, true);
    expect(after).toEqual(await reference(at + 2));
    expect(after.status.fuse).not.toBe('tripped');
    expect((await db().ethicsFold.get('log'))?.fold.standing.size).toBe(newest);
    // Without the fold row at all, it is rebuilt from the log the same way.
    await db().ethicsFold.clear();
    expect(await hudStatus(at + 2, true)).toEqual(await reference(at + 2));
    expect((await currentEthicsFold()).standing.size).toBe(newest);
  });

  it('reads the log as it is once the log check names an edited entry', async () => {
    await adopt(0);
    const at = 5000;
    await appendGoverned({ kind: 'veto', at, payload: { actionId: 'a', by: 'self' } });
    for (let i = 0; i < 20; i++) await appendGoverned({ kind: 'approval', at: at + i, payload: { actionId: `q${i}`, by: 'self' } });
    await scheduleHeadRefresh();
    expect((await hudStatus(at + 30, true)).status.fuse).toBe('tripped');
    // The old veto becomes an approval behind the store's back: the full check names it, and
    // the dial then shows what the log now says instead of the fold kept before the edit.
    const veto = (await db().log.where('kind').equals('veto').first())!;
    await db().log.put({ ...veto, kind: 'approval' });
    const check = await fullCheck((await deviceKey()).publicKey);
    expect(check.ok).toBe(false);
    expect(check.firstBadSeq).toBe(veto.seq);
    const shown = await hudStatus(at + 30, check.ok);
    expect(shown).toEqual(await reference(at + 30));
    expect(shown.status.fuse).not.toBe('tripped');
  });
});
