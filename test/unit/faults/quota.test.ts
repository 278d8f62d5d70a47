import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshProfile, dumpTables, logEntries } from '../backup/profile';
import { placeBet } from '../../../src/services/bets';
import { createBackup, restoreBackup, StorageFullError } from '../../../src/services/backup';
import { createSpec } from '../../../src/services/specs';
import { addCheckpoint } from '../../../src/store/checkpointsRepo';
import { db } from '../../../src/store/db';
import { isQuotaError } from '../../../src/store/quota';

/** What IndexedDB raises when a write would exceed the origin's quota. */
const quotaExceeded = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const draft = { task: 'Fill the disk', estimatedHours: '2h', confidence: '70', stake: '5', principles: ['small steps'], context: '' };

beforeEach(() => freshProfile());
afterEach(() => vi.restoreAllMocks());

describe('a write that hits the storage quota', () => {
  it('recognises the quota error however Dexie wraps it', () => {
    expect(isQuotaError(quotaExceeded())).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: quotaExceeded() })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });

  it('a governed change (a bet and its log entry) says the storage is full and writes nothing', async () => {
    vi.spyOn(db().log, 'bulkAdd').mockImplementation(() => {
      throw quotaExceeded();
    });
    const err = await placeBet(draft, 1000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect((err as Error).message).toMatch(/^Your browser's storage is full: this change was not saved, and nothing of it was written\./);
    expect(await db().bets.count()).toBe(0);
    expect(await db().log.count()).toBe(0);
  });

  it('a restore that fills the storage half way writes none of the backup', async () => {
    const spec = await createSpec('Big', '# Big\n');
    await placeBet(draft, 1000);
    await addCheckpoint({ id: 'cp', specId: spec.id, name: 'one', createdAt: 1, automatic: false, state: new Uint8Array(64), text: '' });
    const file = await createBackup();
    freshProfile();
    const before = await dumpTables();
    // Tables are written in schema order: specs and bets go in before checkpoints fails.
    const table = Object.getPrototypeOf(db().checkpoints) as { bulkAdd: (...a: unknown[]) => unknown };
    const real = table.bulkAdd;
    vi.spyOn(table, 'bulkAdd').mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'checkpoints') throw quotaExceeded();
      return real.apply(this, args);
    });
    const err = await restoreBackup(file.text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect((err as Error).message).toContain('the restored backup was not saved');
    expect(await dumpTables()).toEqual(before);
    expect(await logEntries()).toEqual([]);
  });
});
