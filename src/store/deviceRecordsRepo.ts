import type { Row } from '../domain/backup/bundle';
import { betState, type Bet } from '../domain/betting/bet';
import { betPlacement, correctionId, kindOrder, resolutionId, type DeviceRecord, type RecordKind } from '../domain/devices/records';
import { compareVersions } from '../domain/devices/union';
import { mergeIntoStore } from './backupRepo';
import type { BetEventRow, BetRow } from './betsRepo';
import { db } from './db';
import { readWholeLog } from './logRepo';
import type { SignedTreeHead } from '../domain/ledger/treeHead';
import type { StoredLogEntry } from '../domain/ledger/logEntry';

/**
 * The store's side of paired devices: the records this browser holds, read from its tables,
 * and records from paired devices written into them. Writing reuses the backup's merge by id
 * (mergeIntoStore: a stored id is not stored again, an auto-numbered event by content), so a
 * record that arrives twice, or that both devices hold, is stored once. A bet's resolution is
 * the one row that changes: it is settled here by the rule every device applies (union.ts).
 *
 * Each device keeps its own log: records from another device go into the tables, never into
 * this device's log (its log says what happened here; the other device's log vouches for it).
 */
export const REPLICATED_TABLES = ['runs', 'nudges', 'bets', 'betEvents', 'scars', 'restorations'] as const;

const REPLICATED_KINDS: readonly RecordKind[] = ['nudge', 'run', 'bet', 'betResolution', 'betCorrection', 'scar', 'restoration'];

function record(kind: RecordKind, id: string, origin: string, body: Row): DeviceRecord {
  return { kind, id, origin, body };
}

/** Every record this browser holds of the replicated kinds, made by `origin` unless passed on. */
export async function readLocalRecords(origin: string): Promise<DeviceRecord[]> {
  const d = db();
  return d.transaction('r', [...REPLICATED_TABLES], async () => {
    const out: DeviceRecord[] = [];
    for (const n of (await d.table('nudges').toArray()) as Row[]) out.push(record('nudge', String(n.key), origin, n));
    for (const r of (await d.table('runs').toArray()) as Row[]) out.push(record('run', String(r.id), origin, r));
    for (const b of (await d.table('bets').toArray()) as BetRow[]) {
      out.push(record('bet', b.id, origin, betPlacement(b as unknown as Row)));
      if (b.resolvedAt !== undefined && b.actualHours !== undefined && b.completed !== undefined) {
        const res = { betId: b.id, resolvedAt: b.resolvedAt, actualHours: b.actualHours, completed: b.completed };
        out.push(record('betResolution', resolutionId(res), origin, res));
      }
    }
    const corrections = (await d.table('betEvents').where('kind').equals('correction').toArray()) as BetEventRow[];
    for (const e of corrections) {
      if (e.kind !== 'correction') continue;
      const c = { betId: e.betId, at: e.at, actualHours: e.actualHours, completed: e.completed };
      out.push(record('betCorrection', correctionId(c), origin, c));
    }
    for (const s of (await d.table('scars').toArray()) as Row[]) out.push(record('scar', String(s.id), origin, s));
    for (const r of (await d.table('restorations').toArray()) as Row[]) out.push(record('restoration', String(r.id), origin, r));
    return out;
  });
}

export interface AppliedRecords {
  /** Rows added to a table (a record already stored adds nothing). */
  added: number;
  /** Bets whose resolution changed here (resolved, or an earlier resolution from elsewhere). */
  resolved: number;
  /** Resolutions whose bet has not arrived yet: kept by the caller and applied later. */
  waiting: DeviceRecord[];
}

/** Writes records from paired devices into this browser's tables. */
export async function applyRecords(records: readonly DeviceRecord[]): Promise<AppliedRecords> {
  const sorted = [...records].filter((r) => REPLICATED_KINDS.includes(r.kind)).sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));
  const tables: Record<string, Row[]> = { nudges: [], runs: [], bets: [], betEvents: [], scars: [], restorations: [] };
  const resolutions: DeviceRecord[] = [];
  for (const r of sorted) {
    switch (r.kind) {
      case 'nudge':
        tables.nudges!.push(r.body);
        break;
      case 'run':
        tables.runs!.push(r.body);
        break;
      case 'bet':
        tables.bets!.push({ ...r.body, state: 'open' });
        break;
      case 'betResolution':
        resolutions.push(r);
        break;
      case 'betCorrection':
        tables.betEvents!.push({ betId: r.body.betId, kind: 'correction', at: r.body.at, actualHours: r.body.actualHours, completed: r.body.completed });
        break;
      case 'scar':
        tables.scars!.push(r.body);
        break;
      case 'restoration':
        tables.restorations!.push(r.body);
        break;
      default:
        break;
    }
  }
  for (const name of Object.keys(tables)) if (tables[name]!.length === 0) delete tables[name];
  let added = 0;
  if (Object.keys(tables).length > 0) {
    const merge = await mergeIntoStore(tables, []);
    added = merge.tables.reduce((n, t) => n + t.added, 0);
  }
  const { resolved, waiting } = await applyResolutions(resolutions);
  return { added, resolved, waiting };
}

/**
 * A resolution settles its bet when the bet is open here, or replaces the one stored when it
 * counts rather than it (the earlier of two resolutions made apart). A resolution whose bet is
 * not here yet waits.
 */
async function applyResolutions(resolutions: readonly DeviceRecord[]): Promise<{ resolved: number; waiting: DeviceRecord[] }> {
  if (resolutions.length === 0) return { resolved: 0, waiting: [] };
  const d = db();
  return d.transaction('rw', ['bets', 'betEvents'], async () => {
    let resolved = 0;
    const waiting: DeviceRecord[] = [];
    for (const r of resolutions) {
      const res = r.body as { betId: string; resolvedAt: number; actualHours: number; completed: boolean };
      const stored = (await d.table('bets').get(res.betId)) as BetRow | undefined;
      if (!stored) {
        waiting.push(r);
        continue;
      }
      if (stored.resolvedAt !== undefined) {
        const current = { betId: stored.id, resolvedAt: stored.resolvedAt, actualHours: stored.actualHours, completed: stored.completed };
        if (compareVersions('betResolution', res, current) >= 0) continue;
      }
      const bet: Bet = { ...stored, actualHours: res.actualHours, completed: res.completed, resolvedAt: res.resolvedAt };
      await d.table('bets').put({ ...bet, state: betState(bet) });
      await d.table('betEvents').add({ betId: res.betId, kind: 'resolved', at: res.resolvedAt, actualHours: res.actualHours, completed: res.completed });
      resolved++;
    }
    return { resolved, waiting };
  });
}

/** What this device states about its log: every signed head and every stored entry. */
export async function readLogForStatement(): Promise<{ heads: SignedTreeHead[]; entries: StoredLogEntry[] }> {
  const heads = (await db().heads.toArray()) as unknown as SignedTreeHead[];
  return { heads, entries: await readWholeLog() };
}
