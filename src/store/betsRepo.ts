import type { Table } from 'dexie';
import { ValidationError } from '../domain/errors';
import { betState, type Bet, type BetState } from '../domain/betting/bet';
import type { BetCorrection } from '../domain/betting/settle';
import type { Scar } from '../domain/scars/types';
import { db } from './db';
import { readAllInTurns } from './inTurns';
import { live, type Live } from './live';
import { withGovernedLog } from './logRepo';
import { insertScar, scarExists } from './scarsRepo';

/**
 * Bets and their events. A bet row is written when placed and changed exactly once, when it is
 * resolved; after that it is never touched again. Mistakes are fixed by correction events, and
 * every number derived from bets (credibility, tokens, the adversary) is replayed by the domain
 * from this record rather than kept as a counter that could drift.
 */

/** `state` exists only for the index; it is the state at resolution, before any correction. */
export type BetRow = Bet & { state: BetState };

export type BetEventRow =
  | { seq?: number; betId: string; kind: 'placed' | 'imported'; at: number }
  | { seq?: number; betId: string; kind: 'resolved' | 'correction'; at: number; actualHours: number; completed: boolean };

/** Everything the domain's `replay` needs. */
export interface BetRecord {
  bets: Bet[];
  corrections: BetCorrection[];
}

const bets = (): Table<BetRow, string> => db().table<BetRow, string>('bets');
const events = (): Table<BetEventRow, number> => db().table<BetEventRow, number>('betEvents');
const timers = (): Table<{ betId: string }, string> => db().table<{ betId: string }, string>('timers');

export function toRow(bet: Bet): BetRow {
  return { ...bet, state: betState(bet) };
}

function toBet(row: BetRow): Bet {
  const { state: _state, ...bet } = row;
  return bet;
}

/** Bets in the order they were placed, and corrections in the order they were recorded. */
export async function readRecord(): Promise<BetRecord> {
  const [rows, corrections] = await Promise.all([bets().orderBy('placedAt').toArray(), readCorrections()]);
  return { bets: rows.map(toBet), corrections };
}

async function readCorrections(): Promise<BetRecord['corrections']> {
  const rows = await events().where('kind').equals('correction').sortBy('seq');
  return rows.flatMap((e) =>
    e.kind === 'correction' ? [{ kind: 'correction' as const, of: e.betId, actualHours: e.actualHours, completed: e.completed, at: e.at }] : [],
  );
}

/** readRecord for live views (the dials, the dashboard): the bets read in background turns (inTurns.ts). */
async function readRecordInTurns(): Promise<BetRecord> {
  const rows = await readAllInTurns(bets(), (r) => r.id);
  rows.sort((a, b) => a.placedAt - b.placedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)); // the placedAt index's order
  return { bets: rows.map(toBet), corrections: await readCorrections() };
}

/** The record, re-read whenever any tab writes a bet or an event. */
export function observeRecord(): Live<BetRecord> {
  return live(readRecordInTurns);
}

export async function getBet(id: string): Promise<Bet | undefined> {
  const row = await bets().get(id);
  return row && toBet(row);
}

/** What the log records of a bet: the wager as placed (JSON only, no undefined fields). */
function placedPayload(bet: Bet): Record<string, unknown> {
  return {
    betId: bet.id,
    task: bet.task,
    estimatedHours: bet.estimatedHours,
    confidence: bet.confidence,
    stake: bet.stake,
    principles: [...bet.principles],
    ...(bet.quantiles?.length ? { quantiles: bet.quantiles.map((q) => ({ hours: q.hours, p: q.p })) } : {}),
    ...(bet.specId ? { specId: bet.specId } : {}),
  };
}

/**
 * Adds a bet, its "placed" event and its log entry in one transaction. `guard` sees the record
 * as it is inside the transaction and throws to refuse (e.g. a stake above the balance):
 * checking and writing together means two tabs cannot both spend the same tokens.
 */
export async function insertBet(bet: Bet, guard: (record: BetRecord) => void): Promise<void> {
  await withGovernedLog([bets(), events()], async (log) => {
    guard(await readRecord());
    await bets().add(toRow(bet));
    await events().add({ betId: bet.id, kind: 'placed', at: bet.placedAt });
    log.append({ kind: 'bet_placed', at: bet.placedAt, payload: placedPayload(bet) });
  });
}

/** What settling a stored bet produced: the resolved bet, the scars it leaves, what to log. */
export interface StoredSettlement {
  bet: Bet;
  scars: readonly Scar[];
  logPayload: Record<string, unknown>;
}

/**
 * Resolves a bet once: `settle` turns the stored open bet into the resolved one (the domain
 * throws BetAlreadyResolvedError for a second resolution, which aborts the transaction so
 * nothing is written). The bet's timer, the scars a bullshit bet leaves and the log entries
 * go in the same transaction. Returns the new record.
 */
export async function resolveStoredBet(
  id: string,
  settle: (bet: Bet, record: BetRecord) => StoredSettlement,
): Promise<BetRecord> {
  return withGovernedLog([bets(), events(), timers(), 'scars'], async (log) => {
    const row = await bets().get(id);
    if (!row) throw new ValidationError('id', `there is no bet with id ${id}`);
    const record = await readRecord();
    const { bet: resolved, scars, logPayload } = settle(toBet(row), record);
    if (resolved.resolvedAt === undefined || resolved.actualHours === undefined || resolved.completed === undefined) {
      throw new Error(`settling bet ${id} did not resolve it`);
    }
    await bets().put(toRow(resolved));
    await events().add({ betId: id, kind: 'resolved', at: resolved.resolvedAt, actualHours: resolved.actualHours, completed: resolved.completed });
    await timers().delete(id);
    log.append({ kind: 'bet_resolved', at: resolved.resolvedAt, payload: logPayload });
    for (const scar of scars) await insertScar(scar, log);
    return readRecord();
  });
}

/**
 * Appends a correction; `settle` checks it against the record inside the same transaction
 * (throwing refuses it) and returns the scars it leaves; those not already raised are added
 * with their entries, in the same transaction.
 */
export async function addCorrection(correction: BetCorrection, settle: (record: BetRecord) => readonly Scar[]): Promise<void> {
  await withGovernedLog([bets(), events(), 'scars'], async (log) => {
    const scars = settle(await readRecord());
    const { of, at, actualHours, completed } = correction;
    await events().add({ betId: of, kind: 'correction', at, actualHours, completed });
    log.append({ kind: 'bet_corrected', at, payload: { betId: of, actualHours, completed } });
    for (const scar of scars) if (!(await scarExists(scar.id))) await insertScar(scar, log);
  });
}

/**
 * Writes imported bets in one transaction: all of them or none. A bet whose id is already
 * stored is skipped and counted, never overwritten: the stored one may have been resolved here.
 * `guard` sees the record as it is and the bets about to be added, inside the transaction, and
 * throws to refuse (e.g. open bets staking more tokens than are free).
 */
export async function importBetRows(
  incoming: readonly Bet[],
  at: number,
  guard: (record: BetRecord, fresh: readonly Bet[]) => void = () => {},
): Promise<{ added: number; duplicates: number }> {
  return withGovernedLog([bets(), events()], async (log) => {
    const existing = await bets().bulkGet(incoming.map((b) => b.id));
    const fresh = incoming.filter((_, i) => existing[i] === undefined);
    guard(await readRecord(), fresh);
    await bets().bulkAdd(fresh.map(toRow));
    await events().bulkAdd(fresh.map((b) => ({ betId: b.id, kind: 'imported' as const, at })));
    if (fresh.length) log.append({ kind: 'import', at, payload: { table: 'bets', added: fresh.length, skipped: incoming.length - fresh.length, betIds: fresh.map((b) => b.id) } });
    return { added: fresh.length, duplicates: incoming.length - fresh.length };
  });
}

export async function eventsOf(betId: string): Promise<BetEventRow[]> {
  return events().where('betId').equals(betId).sortBy('seq');
}
