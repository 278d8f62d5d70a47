import type { Table } from 'dexie';
import { db } from './db';
import { live, type Live } from './live';

/**
 * Stored data that could not be read and was set aside instead of breaking a page: today, Yjs
 * updates of a spec (see src/sync/safeLoad.ts). The bytes are kept here as well as in the
 * spec's own database, so they travel with a backup.
 */
export interface QuarantineRow {
  /** `<docName>#<key>`: one row per stored update, however often the spec is opened. */
  id: string;
  docName: string;
  key: number;
  at: number;
  bytes: Uint8Array;
  reason: string;
  /** When the person dismissed the notice (the row stays). */
  acknowledgedAt?: number;
}

const table = (): Table<QuarantineRow, string> => db().table<QuarantineRow, string>('quarantine');

export async function recordQuarantine(row: Omit<QuarantineRow, 'id'>): Promise<QuarantineRow> {
  const full: QuarantineRow = { id: `${row.docName}#${row.key}`, ...row };
  await db().transaction('rw', table(), async () => {
    // Keep the first record (and whether it was dismissed) if the same update was met before.
    if (!(await table().get(full.id))) await table().add(full);
  });
  return full;
}

/** Newest first. */
export function observeQuarantine(): Live<QuarantineRow[]> {
  return live(() => table().orderBy('at').reverse().toArray());
}

export async function acknowledgeQuarantine(ids: readonly string[], at: number): Promise<void> {
  await db().transaction('rw', table(), async () => {
    for (const id of ids) await table().update(id, { acknowledgedAt: at });
  });
}
