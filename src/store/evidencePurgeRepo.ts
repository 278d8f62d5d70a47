import { db } from './db';
import type { GovernedLog } from './logRepo';

/**
 * Bulk deletion of evidence older than a date: the one irreversible automated action of this
 * release. Called only inside a governed transaction over `runs`, so the deletion and its
 * action_applied entry commit together.
 */
export async function deleteRunsBefore(before: number, _log: GovernedLog): Promise<number> {
  return db().runs.where('at').below(before).delete();
}

export async function countRunsBefore(before: number): Promise<number> {
  return db().runs.where('at').below(before).count();
}
