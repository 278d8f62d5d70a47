import Dexie, { type Table } from 'dexie';
import { SCHEMA_VERSIONS } from './schema';
import { appDbName, setAppDbName } from './dbName';
import type { CheckpointRow, EthicsFoldKeyRow, EthicsFoldRow, GenericRow, LogRow, NudgeRow, PeerSessionRow, RunRow, SettingRow, SpecRow } from './rows';

/** The one IndexedDB database of the app. Only src/store opens it. */
export class MetacompilerDb extends Dexie {
  specs!: Table<SpecRow, string>;
  runs!: Table<RunRow, string>;
  nudges!: Table<NudgeRow, string>;
  bets!: Table<GenericRow, string>;
  betEvents!: Table<GenericRow, number>;
  timers!: Table<GenericRow, string>;
  scars!: Table<GenericRow, string>;
  restorations!: Table<GenericRow, string>;
  log!: Table<LogRow, number>;
  heads!: Table<GenericRow, number>;
  keys!: Table<GenericRow, string>;
  constitutions!: Table<GenericRow, string>;
  approvals!: Table<GenericRow, string>;
  settings!: Table<SettingRow, string>;
  checkpoints!: Table<CheckpointRow, string>;
  compilations!: Table<GenericRow, string>;
  quarantine!: Table<GenericRow, string>;
  ethicsFold!: Table<EthicsFoldRow, string>;
  ethicsFoldKeys!: Table<EthicsFoldKeyRow, string>;
  peerSessions!: Table<PeerSessionRow, string>;

  constructor(name = appDbName()) {
    super(name);
    for (const v of SCHEMA_VERSIONS) this.version(v.version).stores(v.stores);
    // Another tab opened a newer version: close so we never block it, and tell the page.
    this.on('versionchange', () => {
      this.close();
      globalThis.dispatchEvent?.(new Event('metacompiler:db-outdated'));
      return false;
    });
  }
}

let shared: MetacompilerDb | undefined;

/** The app's database, opened lazily once per page (or worker) and shared. */
export function db(): MetacompilerDb {
  shared ??= new MetacompilerDb();
  return shared;
}

/** For tests: point the store at a fresh database name. */
export function useDatabase(name: string): MetacompilerDb {
  shared?.close();
  setAppDbName(name);
  shared = new MetacompilerDb(name);
  return shared;
}
