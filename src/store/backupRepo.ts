import type { BundleLog, Row } from '../domain/backup/bundle';
import { planLog, type LogPlan } from '../domain/backup/logPlan';
import { BackupError } from '../domain/backup/errors';
import { isPlainKey, planKeyedRows, planNumberedRows, type RowPlan } from '../domain/backup/rowPlan';
import type { StoredLogEntry } from '../domain/ledger/logEntry';
import type { SignedTreeHead } from '../domain/ledger/treeHead';
import { db } from './db';
import { devicePublicKeyJwk } from './deviceKeyRepo';
import { FOLD_TABLES, clearEthicsFold, foldAppended } from './ethicsFoldRepo';
import { scheduleHeadRefresh } from './headsRepo';
import { LOG_EPOCH_KEY } from './logEpoch';
import { PAIRING_SETTING_KEYS } from './pairingsRepo';
import { guardQuota } from './quota';
import type { LogRow } from './rows';
import { CURRENT_VERSION } from './schema';

/**
 * The store's side of backup and restore. A backup reads every table in one read transaction
 * (a consistent snapshot); a restore writes every table and the log in one read-write
 * transaction, so it is all or nothing, also when the storage fills up half way.
 *
 * Left out: `keys` (the device's private key cannot leave it), `log` and `heads` (carried in
 * the bundle's log section), the ethics fold (derived from the log, rebuilt from it), and the
 * settings that describe this device's ledger state, and `peerSessions` (the rooms and
 * passwords this browser shares in: a restored backup must never connect another browser to them
 * unasked).
 */
const NOT_TABLES = new Set<string>(['keys', 'log', 'heads', 'peerSessions', ...FOLD_TABLES]);
const DEVICE_SETTINGS = new Set(['ledger.frontier', 'ledger.verification', LOG_EPOCH_KEY]);
/** What a fresh profile logs by itself on its first start (the default constitution, sessions). */
const STARTUP_KINDS = new Set(['constitution', 'session_started']);

export interface StoreSnapshot {
  schemaVersion: number;
  tables: Record<string, Row[]>;
  log: BundleLog;
}

export interface TableMerge extends Omit<RowPlan, 'add'> {
  table: string;
  added: number;
}

export interface StoreMerge {
  tables: TableMerge[];
  /** Tables in the bundle this version does not have (from a newer version): not restored. */
  unknownTables: string[];
  log: LogPlan;
  /** Start-up entries of a fresh profile that the backup's log replaced (0: none replaced). */
  replacedStartup: number;
}

/** The tables a backup carries, in schema order. */
export function backupTableNames(): string[] {
  return db().tables.map((t) => t.name).filter((n) => !NOT_TABLES.has(n));
}

export async function readStoreForBackup(onTable: (name: string) => void = () => undefined): Promise<StoreSnapshot> {
  const d = db();
  const names = backupTableNames();
  return d.transaction('r', [...names, 'log', 'heads', 'keys'], async () => {
    const tables: Record<string, Row[]> = {};
    for (const name of names) {
      onTable(name);
      let rows = (await d.table(name).toArray()) as Row[];
      if (name === 'settings') rows = rows.filter((r) => !DEVICE_SETTINGS.has(r.key as string) && !PAIRING_SETTING_KEYS.has(r.key as string));
      tables[name] = rows;
    }
    const entries = (await d.log.orderBy('seq').toArray()) as unknown as StoredLogEntry[];
    const heads = (await d.heads.orderBy('size').toArray()) as unknown as SignedTreeHead[];
    const signer = await devicePublicKeyJwk();
    return { schemaVersion: CURRENT_VERSION, tables, log: { entries, heads, signer } };
  });
}

/**
 * Merges a bundle's rows and log into the store in one transaction: rows by primary key (or
 * by content for auto-numbered tables), the log only by extension (see planLog). After the
 * commit this device signs a head over whatever the log now holds.
 */
export async function mergeIntoStore(tables: Record<string, Row[]>, entries: readonly StoredLogEntry[], onTable: (name: string) => void = () => undefined): Promise<StoreMerge> {
  const d = db();
  const names = backupTableNames();
  const unknownTables = Object.keys(tables).filter((n) => !names.includes(n));
  const result = await guardQuota('the restored backup', () =>
    d.transaction('rw', [...names, 'log', 'heads', ...FOLD_TABLES], async () => {
      const replacedStartup = entries.length > 0 ? await clearIfStartupOnly(names) : 0;
      const merged: TableMerge[] = [];
      for (const name of names) {
        let incoming = tables[name] ?? [];
        if (name === 'settings') incoming = incoming.filter((r) => !DEVICE_SETTINGS.has(r.key as string) && !PAIRING_SETTING_KEYS.has(r.key as string));
        if (incoming.length === 0) continue;
        onTable(name);
        const plan = await planTable(name, incoming);
        if (plan.add.length > 0) await d.table(name).bulkAdd(plan.add);
        const { add, ...counts } = plan;
        merged.push({ table: name, added: add.length, ...counts });
      }
      const local = await d.log.orderBy('seq').toArray();
      const log = planLog(local, entries);
      if (log.kind === 'append' && log.append.length > 0) {
        await d.log.bulkAdd(log.append.map(toRow));
        await foldAppended(d, log.append, (log.append[0] as StoredLogEntry).seq);
      }
      return { tables: merged, unknownTables, log, replacedStartup };
    }),
  );
  if (result.log.kind === 'append') await scheduleHeadRefresh().catch(() => null);
  return result;
}

/**
 * A profile that holds nothing but what the app wrote on its first start (the default
 * constitution, session starts, this device's heads over them) is an empty profile: its
 * start-up log would otherwise make every backup's log "diverge" at entry 0 and keep the
 * backup's log out. Those entries are cleared, with the heads signed over them, so the
 * backup's log goes in whole; the new epoch tells every page to rebuild what it derived from
 * the old log. Anything a person recorded makes the profile non-empty, and nothing is cleared.
 */
async function clearIfStartupOnly(names: string[]): Promise<number> {
  const d = db();
  const log = await d.log.toArray();
  if (log.length === 0 || log.some((e) => !STARTUP_KINDS.has(e.kind))) return 0;
  const constitutions = (await d.constitutions.toArray()) as Row[];
  if (log.filter((e) => e.kind === 'constitution').length > 1 || constitutions.some((c) => c.previousId !== null)) return 0;
  for (const name of names) {
    if (name === 'settings' || name === 'constitutions') continue;
    if ((await d.table(name).count()) > 0) return 0;
  }
  await Promise.all([d.log.clear(), d.heads.clear(), d.constitutions.clear(), d.settings.bulkDelete([...DEVICE_SETTINGS]), clearEthicsFold(d)]);
  await d.settings.put({ key: LOG_EPOCH_KEY, value: crypto.randomUUID() });
  return log.length;
}

async function planTable(name: string, incoming: Row[]): Promise<RowPlan> {
  const table = db().table(name);
  const { keyPath, auto } = table.schema.primKey;
  if (typeof keyPath !== 'string') throw new BackupError(`tables.${name}`, 'a table with a compound primary key cannot be restored');
  if (auto) return planNumberedRows(keyPath, incoming, (await table.toArray()) as Row[]);
  const keys = incoming.map((r) => r[keyPath]).filter(isPlainKey);
  const stored = (await table.bulkGet(keys)) as (Row | undefined)[];
  const local = new Map<string | number, Row>();
  keys.forEach((k, i) => {
    const row = stored[i];
    if (row !== undefined) local.set(k, row);
  });
  return planKeyedRows(keyPath, incoming, local);
}

function toRow(e: StoredLogEntry): LogRow {
  return { seq: e.seq, kind: e.kind, at: e.at, payload: e.payload, leafHash: e.leafHash };
}
