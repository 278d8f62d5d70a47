import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { db, useDatabase } from '../../../src/store/db';
import { GovernedLogError, appendGoverned, readWholeLog, withGovernedLog } from '../../../src/store/logRepo';
import { HeadMismatchError, latestHead, scheduleHeadRefresh } from '../../../src/store/headsRepo';
import { deviceKey } from '../../../src/store/deviceKeyRepo';
import { verifyLog } from '../../../src/domain/ledger/verifyLog';
import { merkleRoot } from '../../../src/domain/ledger/merkleTree';
import { fromHex, toHex } from '../../../src/domain/ledger/bytes';
import { verifyTreeHead } from '../../../src/domain/ledger/treeHead';
import { entryLeafHash, type GovernedEvent } from '../../../src/domain/ledger/logEntry';
import { governedLog } from '../../../src/store/logCache';
import { sliceStatus } from '../../../src/domain/governance/slice';
import { DEFAULT_CONSTITUTION } from '../../../src/domain/governance/constitution';

let name = '';
beforeEach(() => {
  name = `log-${Math.random().toString(36).slice(2)}`;
  useDatabase(name);
});
afterEach(async () => {
  await Dexie.delete(name);
});

const ev = (i: number): GovernedEvent => ({ kind: 'run_recorded', at: 1000 + i, payload: { runId: `r${i}` } });

describe('withGovernedLog', () => {
  it('commits the change and its entries together, with gap-free seqs and sealed leaf hashes', async () => {
    const d = db();
    await withGovernedLog(['settings'], async (log) => {
      await d.settings.put({ key: 'a', value: 1 });
      log.append(ev(0));
      log.append(ev(1));
    });
    await withGovernedLog([d.settings], async (log) => {
      await d.settings.put({ key: 'b', value: 2 });
      log.append(ev(2));
    });
    const entries = await readWholeLog();
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(entries.map((e) => e.payload)).toEqual([{ runId: 'r0' }, { runId: 'r1' }, { runId: 'r2' }]);
    expect(await d.settings.count()).toBe(2);
    const head = await scheduleHeadRefresh();
    expect(head?.size).toBe(3);
    const { publicKey } = await deviceKey();
    expect((await verifyLog(entries, head!, publicKey)).ok).toBe(true);
  });

  it('rolls back both the change and the entries when the body throws after writing', async () => {
    const d = db();
    await appendGoverned(ev(0));
    await expect(
      withGovernedLog(['settings'], async (log) => {
        await d.settings.put({ key: 'doomed', value: true });
        log.append(ev(1));
        throw new Error('refused half way');
      }),
    ).rejects.toThrow('refused half way');
    expect(await d.settings.get('doomed')).toBeUndefined();
    expect((await readWholeLog()).map((e) => e.seq)).toEqual([0]);
  });

  it('rolls back the change when an event cannot be sealed (not canonical JSON)', async () => {
    const d = db();
    await expect(
      withGovernedLog(['settings'], async (log) => {
        await d.settings.put({ key: 'doomed', value: true });
        log.append({ kind: 'scar', at: 1, payload: { bad: Number.NaN } });
      }),
    ).rejects.toThrow(/NaN/);
    expect(await d.settings.get('doomed')).toBeUndefined();
    expect(await d.log.count()).toBe(0);
  });

  it('refuses an append after the body returned and refuses nesting', async () => {
    let leaked: { append(e: GovernedEvent): void } | undefined;
    await withGovernedLog([], async (log) => {
      leaked = log;
    });
    expect(() => leaked!.append(ev(0))).toThrow(GovernedLogError);
    const d = db();
    await expect(
      d.transaction('rw', d.settings, () => withGovernedLog([], async () => undefined)),
    ).rejects.toThrow(GovernedLogError);
  });

  it('gives concurrent writers distinct seqs', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => appendGoverned(ev(i))));
    expect((await readWholeLog()).map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('signed tree heads', () => {
  it('signs the RFC 6962 root of every entry with the device key', async () => {
    for (let i = 0; i < 5; i++) await appendGoverned(ev(i));
    await scheduleHeadRefresh();
    const head = await latestHead();
    const entries = await readWholeLog();
    expect(head?.size).toBe(5);
    expect(head?.root).toBe(toHex(await merkleRoot(entries.map((e) => fromHex(e.leafHash)))));
    const key = await deviceKey();
    expect(await verifyTreeHead(head!, key.publicKey)).toBe(true);
    expect(key.privateKey.extractable).toBe(false);
  });

  it('keeps committing to the signed past: a forged entry is caught even under newer heads', async () => {
    const d = db();
    await appendGoverned(ev(0), ev(1));
    await scheduleHeadRefresh();
    // Rewrite entry 0 and its leaf hash consistently, as a careful forger would.
    const forged = { seq: 0, kind: 'run_recorded' as const, at: 1000, payload: { runId: 'forged' } };
    await d.log.put({ ...forged, leafHash: toHex(await entryLeafHash(forged)) });
    useDatabase(name); // a fresh page: it resumes from the saved frontier, not from the forged leaves
    await appendGoverned(ev(2));
    const head = await scheduleHeadRefresh();
    expect(head?.size).toBe(3);
    const result = await verifyLog(await readWholeLog(), head!, (await deviceKey()).publicKey);
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/leaf hashes were rewritten/);
  });

  it('will not sign over a forged past when it has to rebuild from the stored leaves', async () => {
    const d = db();
    await appendGoverned(ev(0), ev(1));
    await scheduleHeadRefresh();
    await d.log.update(0, { leafHash: '00'.repeat(32) });
    await d.settings.delete('ledger.frontier');
    useDatabase(name);
    await appendGoverned(ev(2));
    await expect(scheduleHeadRefresh()).rejects.toThrow(HeadMismatchError);
    expect((await latestHead())?.size).toBe(2);
  });
});

describe('the governed view', () => {
  it('gives the same slice status as the whole log, reading bulk entries as placeholders', async () => {
    await appendGoverned(ev(0), { kind: 'session_started', at: 1, payload: {} }, ev(1));
    await appendGoverned({ kind: 'action_applied', at: 2, payload: { actionId: 'a', externalCost: 3, automated: true } }, ev(2));
    const first = await governedLog();
    await appendGoverned({ kind: 'veto', at: 3, payload: { actionId: 'b', by: 'self' } });
    const view = await governedLog();
    expect(first).toHaveLength(5);
    expect(view).toHaveLength(6);
    expect(view.map((e) => e.kind)).toEqual(['import', 'session_started', 'import', 'action_applied', 'import', 'veto']);
    const whole = await readWholeLog();
    expect(sliceStatus(view, DEFAULT_CONSTITUTION, 10)).toEqual(sliceStatus(whole, DEFAULT_CONSTITUTION, 10));
  });
});
