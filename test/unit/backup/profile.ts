import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { useDatabase, db } from '../../../src/store/db';
import { latestHead, scheduleHeadRefresh } from '../../../src/store/headsRepo';
import { devicePublicKeyJwk } from '../../../src/store/deviceKeyRepo';
import { readWholeLog } from '../../../src/store/logRepo';
import { importPublicKeyJwk } from '../../../src/domain/ledger/treeHead';
import { verifyLog } from '../../../src/domain/ledger/verifyLog';
import { backupTableNames } from '../../../src/store/backupRepo';

/**
 * A browser profile in Node: a brand-new IndexedDB factory (so the app database AND every
 * spec's y-indexeddb database start empty), with the app's database opened on it.
 */
export function freshProfile(): void {
  const factory = new IDBFactory();
  // y-indexeddb (lib0) looks up the global at each open; Dexie keeps its own reference.
  globalThis.indexedDB = factory;
  Dexie.dependencies.indexedDB = factory;
  // Set too in case Dexie was imported before fake-indexeddb installed its globals.
  Dexie.dependencies.IDBKeyRange = IDBKeyRange;
  useDatabase('metacompiler');
}

/** The log verified the way the ledger worker does it, against this device's latest head. */
export async function verifyHere(): Promise<{ ok: boolean; reason: string }> {
  await scheduleHeadRefresh();
  const [head, jwk, entries] = await Promise.all([latestHead(), devicePublicKeyJwk(), readWholeLog()]);
  if (!head || !jwk) return { ok: entries.length === 0, reason: `${entries.length} entries, no signed head` };
  const v = await verifyLog(entries, head, await importPublicKeyJwk(jwk));
  return { ok: v.ok, reason: v.reason };
}

const DEVICE_SETTINGS = new Set(['ledger.frontier', 'ledger.verification', 'ledger.epoch']);

/** Every backed-up table's rows, sorted by primary key, auto-numbers kept (for equality checks). */
export async function dumpTables(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of backupTableNames()) {
    let rows = (await db().table(name).toArray()) as Record<string, unknown>[];
    if (name === 'settings') rows = rows.filter((r) => !DEVICE_SETTINGS.has(r.key as string));
    out[name] = rows;
  }
  return out;
}

export async function logEntries(): Promise<unknown[]> {
  return readWholeLog();
}
