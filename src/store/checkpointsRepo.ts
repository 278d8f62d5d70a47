import type { Table } from 'dexie';
import { db } from './db';
import { live, type Live } from './live';
import type { CheckpointRow } from './rows';

/**
 * Named versions of a spec. Rows are only ever added: nothing in the app deletes or edits a
 * checkpoint, so a person can always go back to any version they (or automation) saved.
 */
export interface StoredCheckpoint extends CheckpointRow {
  /** The spec's text at that moment (the state holds it too; this makes diffs cheap). */
  text: string;
  /** Why an automatic checkpoint was taken (the automated change that followed it). */
  reason?: string;
}

const table = (): Table<StoredCheckpoint, string> => db().table<StoredCheckpoint, string>('checkpoints');

export async function addCheckpoint(row: StoredCheckpoint): Promise<void> {
  await table().add(row);
}

export function getCheckpoint(id: string): Promise<StoredCheckpoint | undefined> {
  return table().get(id);
}

/** A spec's checkpoints, newest first, re-read whenever any tab adds one. */
export function observeCheckpoints(specId: string): Live<StoredCheckpoint[]> {
  return live(async () => {
    const rows = await table()
      .where('[specId+createdAt]')
      .between([specId, -Infinity], [specId, Infinity])
      .toArray();
    return rows.reverse();
  });
}

export function countCheckpoints(specId: string): Promise<number> {
  return table().where('specId').equals(specId).count();
}
