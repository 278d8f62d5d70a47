/**
 * Every version of the IndexedDB schema, oldest first. A version is never edited once it has
 * shipped: a change is a new entry (with an upgrade function when data must move), so that a
 * database written by any earlier release opens under the current one.
 *
 * Index notes (what the pages query):
 * - runs: by spec, by time, by nudge (multi-entry `*nudges`), by source, by spec+time.
 * - bets: by state and time (open bets on the dashboard, resolved bets for calibration).
 * - log: by sequence number (the Merkle leaf index) and kind.
 * - ethicsFold / ethicsFoldKeys (v2): the ethics header's running fold of the log (one row)
 *   and its per-key values (a scar id, an action id, a proposal, a slice): derived from the
 *   log in the transaction of each append (store/ethicsFoldRepo.ts), never backed up.
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      specs: 'id, title, createdAt, updatedAt, deletedAt',
      runs: 'id, specId, specHash, *nudges, passed, source, at, [specId+at]',
      nudges: 'key, label, createdAt',
      bets: 'id, state, placedAt, resolvedAt, specId, *principles, [state+placedAt]',
      betEvents: '++seq, betId, kind, at',
      timers: 'betId, tabId',
      scars: 'id, locusKey, trigger, createdAt',
      restorations: 'id, scarId, at',
      log: 'seq, kind, at',
      heads: 'size, at',
      keys: 'id',
      constitutions: 'id, createdAt, previousId',
      approvals: 'id, state, createdAt, actionKind',
      settings: 'key',
      checkpoints: 'id, specId, createdAt, [specId+createdAt]',
      compilations: 'id, specId, at',
      quarantine: 'id, docName, at',
    },
  },
  {
    // Every v1 table as it was, plus the ethics fold's two tables; no row moves. The fold of an
    // existing log is built on first use (ethicsFoldRepo.currentEthicsFold), not in the upgrade:
    // it hashes constitutions with WebCrypto, which cannot run inside a versionchange
    // transaction, and a fold that failed must never keep the database from opening.
    version: 2,
    stores: {
      specs: 'id, title, createdAt, updatedAt, deletedAt',
      runs: 'id, specId, specHash, *nudges, passed, source, at, [specId+at]',
      nudges: 'key, label, createdAt',
      bets: 'id, state, placedAt, resolvedAt, specId, *principles, [state+placedAt]',
      betEvents: '++seq, betId, kind, at',
      timers: 'betId, tabId',
      scars: 'id, locusKey, trigger, createdAt',
      restorations: 'id, scarId, at',
      log: 'seq, kind, at',
      heads: 'size, at',
      keys: 'id',
      constitutions: 'id, createdAt, previousId',
      approvals: 'id, state, createdAt, actionKind',
      settings: 'key',
      checkpoints: 'id, specId, createdAt, [specId+createdAt]',
      compilations: 'id, specId, at',
      quarantine: 'id, docName, at',
      ethicsFold: 'id',
      ethicsFoldKeys: 'key',
    },
  },
  {
    // Every v2 table as it was, plus peer sessions: the shared specs of this browser (transport,
    // room, password, servers, role), so a shared spec stays shared through reloads and
    // restarts. One row per spec; the room index finds a spec a link names by another id.
    version: 3,
    stores: {
      specs: 'id, title, createdAt, updatedAt, deletedAt',
      runs: 'id, specId, specHash, *nudges, passed, source, at, [specId+at]',
      nudges: 'key, label, createdAt',
      bets: 'id, state, placedAt, resolvedAt, specId, *principles, [state+placedAt]',
      betEvents: '++seq, betId, kind, at',
      timers: 'betId, tabId',
      scars: 'id, locusKey, trigger, createdAt',
      restorations: 'id, scarId, at',
      log: 'seq, kind, at',
      heads: 'size, at',
      keys: 'id',
      constitutions: 'id, createdAt, previousId',
      approvals: 'id, state, createdAt, actionKind',
      settings: 'key',
      checkpoints: 'id, specId, createdAt, [specId+createdAt]',
      compilations: 'id, specId, at',
      quarantine: 'id, docName, at',
      ethicsFold: 'id',
      ethicsFoldKeys: 'key',
      peerSessions: 'specId, room',
    },
  },
];

export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
export const DB_NAME = 'metacompiler';
