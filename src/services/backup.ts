import { BackupError } from '../domain/backup/errors';
import { BUNDLE_FORMAT, BUNDLE_VERSION, parseBundle, writeBundle, type Bundle } from '../domain/backup/bundle';
import { checkBundleLog } from '../domain/backup/logPlan';
import { checkRows, SPEC_ID } from '../domain/backup/rowChecks';
import { mergeIntoStore, readStoreForBackup } from '../store/backupRepo';
import { CURRENT_VERSION } from '../store/schema';
import { exportSpecState, importSpecState, isValidSpecState } from '../sync/backup';
import { verifyLogNow } from './governance/ledger';
import { describeRestore, type LogCheck, type RestoreSummary } from './backupSummary';

export { BackupError };
export type { RestoreSummary };
export { StorageFullError } from '../store/quota';

/** Where a backup or restore is, for a progress bar: `done` of `total` steps, and what it is doing. */
export interface BackupProgress {
  done: number;
  total: number;
  step: string;
}
type OnProgress = (p: BackupProgress) => void;

export interface BackupFile {
  fileName: string;
  text: string;
  specs: number;
  logEntries: number;
}

/** Everything recorded in this browser as one file: every table, every spec, the log. */
export async function createBackup(onProgress: OnProgress = () => undefined, now = Date.now()): Promise<BackupFile> {
  let done = 0;
  onProgress({ done, total: 1, step: 'Reading the database' });
  const snapshot = await readStoreForBackup((name) => onProgress({ done, total: 1, step: `Reading ${name}` }));
  const ids = (snapshot.tables.specs ?? []).map((r) => r.id).filter((id): id is string => typeof id === 'string');
  const total = ids.length + 2;
  const specs: Record<string, Uint8Array> = {};
  for (const id of ids) {
    onProgress({ done: ++done, total, step: `Reading spec ${done} of ${ids.length}` });
    specs[id] = await exportSpecState(id);
  }
  const bundle: Bundle = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, schemaVersion: snapshot.schemaVersion, createdAt: now, tables: snapshot.tables, log: snapshot.log, specs };
  onProgress({ done: ++done, total, step: 'Writing the file' });
  const text = writeBundle(bundle);
  onProgress({ done: total, total, step: 'Done' });
  const day = new Date(now).toISOString().slice(0, 10);
  return { fileName: `metacompiler-backup-${day}.json`, text, specs: ids.length, logEntries: snapshot.log.entries.length };
}

export interface RestoreOptions {
  /** How the restored log is verified; the ledger worker in the app. */
  verify?: () => Promise<LogCheck>;
}

/**
 * Restores a backup file into this browser, merging with what is here. Everything is checked
 * before anything is written (the file's shape, its rows, its log against its signed head,
 * every spec's state), so a bad file writes nothing; the tables and the log are then written
 * in one transaction, and the specs merged one by one (a Yjs merge is idempotent, so an
 * interrupted restore is completed by running it again).
 */
export async function restoreBackup(text: string, onProgress: OnProgress = () => undefined, options: RestoreOptions = {}): Promise<RestoreSummary> {
  onProgress({ done: 0, total: 1, step: 'Reading the file' });
  const bundle = parseBundle(text);
  if (bundle.schemaVersion > CURRENT_VERSION) {
    throw new BackupError('schemaVersion', `this backup was made by a newer version of Metacompiler (database version ${bundle.schemaVersion}, this one has ${CURRENT_VERSION}): update the app first`);
  }
  checkRows(bundle.tables);
  onProgress({ done: 0, total: 1, step: 'Checking the log' });
  const logCheck = await checkBundleLog(bundle.log);
  if (!logCheck.ok) throw new BackupError('', `the log in this backup does not verify (${logCheck.reason}); nothing was restored`);
  const specIds = Object.keys(bundle.specs);
  for (const id of specIds) {
    if (!SPEC_ID.test(id)) throw new BackupError(`specs.${id.slice(0, 40)}`, 'is not a spec id; nothing was restored');
    if (!isValidSpecState(bundle.specs[id]!)) throw new BackupError(`specs.${id}`, 'is not a readable spec document; nothing was restored');
  }
  const total = specIds.length + 2;
  let done = 0;
  const merge = await mergeIntoStore(bundle.tables, bundle.log.entries, (name) => onProgress({ done, total, step: `Restoring ${name}` }));
  let specsChanged = 0;
  for (const id of specIds) {
    onProgress({ done: ++done, total, step: `Restoring spec ${done} of ${specIds.length}` });
    if (await importSpecState(id, bundle.specs[id]!)) specsChanged++;
  }
  onProgress({ done: ++done, total, step: 'Verifying the log' });
  const verification = await (options.verify ?? verifyLogNow)();
  onProgress({ done: total, total, step: 'Done' });
  return describeRestore(merge, { total: specIds.length, changed: specsChanged }, verification, bundle.log.entries.length);
}
