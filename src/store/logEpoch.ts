import type { MetacompilerDb } from './db';

/**
 * The log's epoch changes only when a restore replaces a fresh profile's start-up log with a
 * backup's (see backupRepo). Pages keep derived state of the log in memory (the Merkle
 * accumulator, the governance view); when the epoch they built it under is no longer the
 * stored one, they rebuild it instead of extending a log that is not theirs any more.
 */
export const LOG_EPOCH_KEY = 'ledger.epoch';

export async function readLogEpoch(d: MetacompilerDb): Promise<string | undefined> {
  return (await d.settings.get(LOG_EPOCH_KEY))?.value as string | undefined;
}
