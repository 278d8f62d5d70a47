import type { Row } from '../domain/backup/bundle';
import { betState, type Bet } from '../domain/betting/bet';
import { approvalId, betPlacement, correctionId, kindOrder, resolutionId, specMetaBody, specMetaId, timerBody, timerId, type DeviceRecord, type RecordKind } from '../domain/devices/records';
import { compareVersions } from '../domain/devices/union';
import { mergeDeviceRows } from './deviceMerge';
import type { BetEventRow, BetRow } from './betsRepo';
import { db } from './db';
import { live, type Live } from './live';
import { READ_CHUNK, readLogFrom } from './logRepo';
import { readLogEpoch } from './logEpoch';
import type { SignedTreeHead } from '../domain/ledger/treeHead';
import type { SpecMetaBody } from '../domain/devices/records';
import type { ApprovalRow } from './approvalsRepo';
import type { SpecRow } from './rows';
import type { TimerRow } from './timersRepo';
import type { StoredLogEntry } from '../domain/ledger/logEntry';

/**
 * The store's side of paired devices: the records this browser holds, read from its tables,
 * and records from paired devices written into them. Writing reuses the backup's merge by id
 * (deviceMerge.ts: a stored id is not stored again, an auto-numbered event by content), so a
 * record that arrives twice, or that both devices hold, is stored once. A bet's resolution is
 * the one row that changes: it is settled here by the rule every device applies (union.ts).
 *
 * Each device keeps its own log: records from another device go into the tables, never into
 * this device's log (its log says what happened here; the other device's log vouches for it).
 */
export const REPLICATED_TABLES = ['runs', 'nudges', 'bets', 'betEvents', 'scars', 'restorations', 'specs', 'checkpoints', 'constitutions', 'approvals', 'timers', 'compilations'] as const;

/*
 * Tables not exchanged, on purpose: settings (this device's preferences and its pairings),
 * quarantine (bytes this browser could not read), peerSessions (this browser's share sessions),
 * the log, its heads and keys (each device keeps its own), the ethics fold (derived).
 */

const REPLICATED_KINDS: readonly RecordKind[] = ['nudge', 'run', 'bet', 'betResolution', 'betCorrection', 'scar', 'restoration', 'spec', 'checkpoint', 'constitution', 'approval', 'timer', 'compilation'];

/**
 * A compilation's row grows one candidate at a time while it runs; once finished it never
 * changes, and only then is it a record (its runs travel on their own meanwhile).
 */
const finished = (c: Row): boolean => c.status !== 'running' && c.finishedAt !== undefined;

function record(kind: RecordKind, id: string, origin: string, body: Row): DeviceRecord {
  return { kind, id, origin, body };
}

export interface ReadOptions {
  /**
   * Runs already exchanged (by id): they are not read again. Runs never change once stored and
   * are by far the largest table, so a later exchange reads only the runs' keys and the new runs.
   */
  knownRun?: (id: string) => boolean;
}

/** Runs, or with `knownRun` only those it does not know (their keys are read, then the new rows). */
async function readRuns(knownRun: ReadOptions['knownRun']): Promise<Row[]> {
  const runs = db().table('runs');
  if (!knownRun) return (await runs.toArray()) as Row[];
  const keys = (await runs.toCollection().primaryKeys()) as string[];
  const fresh = keys.filter((id) => !knownRun(String(id)));
  if (fresh.length === 0) return [];
  // One read per key is slow for many keys: past a few thousand new ones, one pass reads faster.
  if (fresh.length > 5000) return ((await runs.toArray()) as Row[]).filter((r) => !knownRun(String(r.id)));
  return ((await runs.bulkGet(fresh)) as (Row | undefined)[]).filter((r): r is Row => r !== undefined);
}

/** Every record this browser holds of the replicated kinds, made by `origin` unless passed on. */
export async function readLocalRecords(origin: string, options: ReadOptions = {}): Promise<DeviceRecord[]> {
  const d = db();
  return d.transaction('r', [...REPLICATED_TABLES], async () => {
    const out: DeviceRecord[] = [];
    for (const n of (await d.table('nudges').toArray()) as Row[]) out.push(record('nudge', String(n.key), origin, n));
    for (const r of await readRuns(options.knownRun)) out.push(record('run', String(r.id), origin, r));
    const resolutions = new Map<string, DeviceRecord>();
    const addResolution = (res: { betId: string; resolvedAt: number; actualHours: number; completed: boolean }) => {
      const id = resolutionId(res);
      if (!resolutions.has(id)) resolutions.set(id, record('betResolution', id, origin, res));
    };
    const betRows = (await d.table('bets').toArray()) as BetRow[];
    for (const b of betRows) {
      out.push(record('bet', b.id, origin, betPlacement(b as unknown as Row)));
      if (b.resolvedAt !== undefined && b.actualHours !== undefined && b.completed !== undefined) {
        addResolution({ betId: b.id, resolvedAt: b.resolvedAt, actualHours: b.actualHours, completed: b.completed });
      }
    }
    // Resolutions that do not count (a bet resolved on two devices apart) travel on too.
    const resolvedEvents = (await d.table('betEvents').where('kind').equals('resolved').toArray()) as BetEventRow[];
    const held = new Set(betRows.filter((b) => b.resolvedAt !== undefined).map((b) => b.id));
    for (const e of resolvedEvents) if (e.kind === 'resolved' && held.has(e.betId)) addResolution({ betId: e.betId, resolvedAt: e.at, actualHours: e.actualHours, completed: e.completed });
    out.push(...resolutions.values());
    const corrections = (await d.table('betEvents').where('kind').equals('correction').toArray()) as BetEventRow[];
    for (const e of corrections) {
      if (e.kind !== 'correction') continue;
      const c = { betId: e.betId, at: e.at, actualHours: e.actualHours, completed: e.completed };
      out.push(record('betCorrection', correctionId(c), origin, c));
    }
    for (const s of (await d.table('scars').toArray()) as Row[]) out.push(record('scar', String(s.id), origin, s));
    for (const r of (await d.table('restorations').toArray()) as Row[]) out.push(record('restoration', String(r.id), origin, r));
    for (const s of (await d.table('specs').toArray()) as SpecRow[]) {
      const body = specMetaBody(s);
      out.push(record('spec', specMetaId(body), origin, body));
    }
    for (const c of (await d.table('checkpoints').toArray()) as Row[]) out.push(record('checkpoint', String(c.id), origin, c));
    for (const c of (await d.table('constitutions').toArray()) as Row[]) out.push(record('constitution', String(c.id), origin, c));
    for (const a of (await d.table('approvals').toArray()) as ApprovalRow[]) out.push(record('approval', approvalId(a), origin, a as unknown as Row));
    for (const t of (await d.table('timers').toArray()) as TimerRow[]) out.push(record('timer', timerId(t), origin, timerBody(t as unknown as Row)));
    for (const c of (await d.table('compilations').toArray()) as Row[]) if (finished(c)) out.push(record('compilation', String(c.id), origin, c));
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
  const tables: Record<string, Row[]> = { runs: [], bets: [], betEvents: [], scars: [], restorations: [], checkpoints: [], constitutions: [], compilations: [] };
  const resolutions: DeviceRecord[] = [];
  /** Rows that change (a title, an approval, a timer): each settles by its kind's rule. */
  const versioned: DeviceRecord[] = [];
  for (const r of sorted) {
    switch (r.kind) {
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
      case 'checkpoint':
        tables.checkpoints!.push(r.body);
        break;
      case 'constitution':
        tables.constitutions!.push(r.body);
        break;
      case 'compilation':
        if (finished(r.body)) tables.compilations!.push(r.body);
        break;
      case 'nudge':
      case 'spec':
      case 'approval':
      case 'timer':
        versioned.push(r);
        break;
      default:
        break;
    }
  }
  for (const name of Object.keys(tables)) if (tables[name]!.length === 0) delete tables[name];
  const added = await mergeDeviceRows(tables);
  const versions = await applyVersions(versioned);
  const { resolved, waiting } = await applyResolutions(resolutions);
  return { added: added + versions.changed, resolved, waiting: [...waiting, ...versions.waiting] };
}

/**
 * A nudge's label (the first one given: two devices may have written the same nudge apart,
 * "add type hints" here and "Add type hints" there), a spec's title and deletion, an approval's state, a timer's state: the stored row takes the
 * incoming version when that version counts rather than the stored one (union.ts), so every
 * device ends on the same version whatever order they arrived in. A timer whose bet is not
 * here yet waits; a timer of a bet resolved here stays closed; a timer version that says what
 * the stored row says (another tab took it over, `updatedAt` moved) changes nothing, so two
 * devices never take a running timer back and forth.
 */
async function applyVersions(records: readonly DeviceRecord[]): Promise<{ changed: number; waiting: DeviceRecord[] }> {
  if (records.length === 0) return { changed: 0, waiting: [] };
  const d = db();
  return d.transaction('rw', ['nudges', 'specs', 'approvals', 'timers', 'bets'], async () => {
    let changed = 0;
    const waiting: DeviceRecord[] = [];
    for (const r of records) {
      if (r.kind === 'nudge') {
        const stored = (await d.table('nudges').get(r.body.key as string)) as Row | undefined;
        if (stored && compareVersions('nudge', r.body, stored) >= 0) continue;
        await d.table('nudges').put(r.body);
        changed++;
      } else if (r.kind === 'spec') {
        const inc = r.body as unknown as SpecMetaBody;
        const stored = (await d.table('specs').get(inc.id)) as SpecRow | undefined;
        if (stored && compareVersions('spec', inc, specMetaBody(stored)) >= 0) continue;
        const next: SpecRow = { ...(stored ?? { updatedAt: inc.metaAt }), id: inc.id, title: inc.title, createdAt: inc.createdAt, metaAt: inc.metaAt };
        next.updatedAt = Math.max(next.updatedAt, inc.metaAt);
        if (inc.deletedAt !== undefined) next.deletedAt = inc.deletedAt;
        else delete next.deletedAt;
        await d.table('specs').put(next);
        changed++;
      } else if (r.kind === 'approval') {
        const stored = (await d.table('approvals').get(r.body.id as string)) as Row | undefined;
        if (stored && compareVersions('approval', r.body, stored) >= 0) continue;
        await d.table('approvals').put(r.body);
        changed++;
      } else if (r.kind === 'timer') {
        const bet = (await d.table('bets').get(r.body.betId as string)) as BetRow | undefined;
        if (!bet) {
          waiting.push(r);
          continue;
        }
        if (bet.resolvedAt !== undefined) continue;
        const stored = (await d.table('timers').get(bet.id)) as TimerRow | undefined;
        if (stored && (compareVersions('timer', r.body, timerBody(stored as unknown as Row)) >= 0 || sameTimerState(stored, r.body))) continue;
        await d.table('timers').put(r.body);
        changed++;
      }
    }
    return { changed, waiting };
  });
}

function sameTimerState(a: TimerRow, b: Row): boolean {
  return a.running === b.running && a.runningSince === b.runningSince && a.bankedMs === b.bankedMs;
}

/**
 * A resolution settles its bet when the bet is open here, or replaces the one stored when it
 * counts rather than it (the earlier of two made apart). Every resolution, the one that counts
 * and the others, is kept as a `resolved` event of the bet, so the other is shown beside the bet
 * (resolutionConflicts) and passed on to a third device, never dropped. A resolution whose bet
 * is not here yet waits.
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
      const events = (await d.table('betEvents').where('betId').equals(res.betId).toArray()) as BetEventRow[];
      if (!events.some((e) => e.kind === 'resolved' && sameResolution(e, res))) {
        await d.table('betEvents').add({ betId: res.betId, kind: 'resolved', at: res.resolvedAt, actualHours: res.actualHours, completed: res.completed });
      }
      if (stored.resolvedAt !== undefined) {
        const current = { betId: stored.id, resolvedAt: stored.resolvedAt, actualHours: stored.actualHours, completed: stored.completed };
        if (compareVersions('betResolution', res, current) >= 0) continue;
      }
      const bet: Bet = { ...stored, actualHours: res.actualHours, completed: res.completed, resolvedAt: res.resolvedAt };
      await d.table('bets').put({ ...bet, state: betState(bet) });
      resolved++;
    }
    return { resolved, waiting };
  });
}

function sameResolution(e: { at: number; actualHours: number; completed: boolean }, r: { resolvedAt: number; actualHours: number; completed: boolean }): boolean {
  return e.at === r.resolvedAt && e.actualHours === r.actualHours && e.completed === r.completed;
}

/** A resolution of a bet that does not count: the same bet was resolved on two devices apart. */
export interface OtherResolution {
  resolvedAt: number;
  actualHours: number;
  completed: boolean;
}

async function readResolutionConflicts(): Promise<Map<string, OtherResolution[]>> {
  const d = db();
  const events = (await d.table('betEvents').where('kind').equals('resolved').toArray()) as BetEventRow[];
  const byBet = new Map<string, OtherResolution[]>();
  for (const e of events) {
    if (e.kind !== 'resolved') continue;
    const list = byBet.get(e.betId) ?? [];
    if (!list.some((o) => sameResolution(e, o))) list.push({ resolvedAt: e.at, actualHours: e.actualHours, completed: e.completed });
    byBet.set(e.betId, list);
  }
  const out = new Map<string, OtherResolution[]>();
  const multi = [...byBet].filter(([, list]) => list.length > 1);
  const bets = (await d.table('bets').bulkGet(multi.map(([id]) => id))) as (BetRow | undefined)[];
  multi.forEach(([id, list], i) => {
    const bet = bets[i];
    if (bet?.resolvedAt === undefined) return;
    const others = list.filter((o) => !(o.resolvedAt === bet.resolvedAt && o.actualHours === bet.actualHours && o.completed === bet.completed)).sort((a, b) => a.resolvedAt - b.resolvedAt);
    if (others.length > 0) out.set(id, others);
  });
  return out;
}

/** Bets resolved on two devices while apart: for each, the resolutions that do not count. */
export function observeResolutionConflicts(): Live<Map<string, OtherResolution[]>> {
  return live(readResolutionConflicts);
}

/**
 * What this device states about its log, as a kept tree of recomputed leaves reads it
 * (domain/devices/logStatement.ts RecomputedLog): every signed head, how many entries are
 * stored and under which epoch, and entries from a seq on, a chunk at a time.
 */
export async function readLogState(): Promise<{ heads: SignedTreeHead[]; count: number; epoch: string | null }> {
  const d = db();
  const [heads, count, epoch] = await Promise.all([d.heads.toArray(), d.log.count(), readLogEpoch(d)]);
  return { heads: heads as unknown as SignedTreeHead[], count, epoch: epoch ?? null };
}

export function readLogChunk(from: number): Promise<StoredLogEntry[]> {
  return readLogFrom(from, READ_CHUNK);
}
