import type { Table } from 'dexie';
import { ScarAppendOnlyError, createScar, restorationEvent, restoreScar, scarEvent } from '../domain/scars/scarLog';
import type { Restoration, Scar, ScarLocus } from '../domain/scars/types';
import { db } from './db';
import { readAllInTurns } from './inTurns';
import { live, type Live } from './live';
import { withGovernedLog, type GovernedLog } from './logRepo';

/**
 * Scars and restorations. Both tables only ever receive `add`: this module has no update or
 * delete, and a restoration is its own row (and its own log event), never a change to the scar.
 * The one deletion anywhere is sampleRepo's removal of the sample workspace's own scars, which
 * the log's sample_data 'removed' entry names so scars_monotone still holds.
 */

export type ScarRow = Omit<Scar, 'restorations'> & { locusKey: string };
export interface RestorationRow {
  id: string;
  scarId: string;
  at: number;
  note: string;
}

const scars = (): Table<ScarRow, string> => db().table<ScarRow, string>('scars');
const restorations = (): Table<RestorationRow, string> => db().table<RestorationRow, string>('restorations');

/** `principle:depth over breadth`: one string per locus, for the index. */
export function locusKey(locus: ScarLocus): string {
  return `${locus.kind}:${locus.ref}`;
}

/**
 * Adds `scar` and its log event inside a governed transaction that includes the `scars`
 * table (so another change and the scar it causes commit together). Refuses an existing id.
 */
export async function insertScar(scar: Scar, log: GovernedLog): Promise<void> {
  const valid = createScar(scar);
  if (await scars().get(valid.id)) throw new ScarAppendOnlyError(`scar ${valid.id} already exists; scars are never re-logged`);
  const { restorations: _none, ...row } = valid;
  await scars().add({ ...row, locus: { ...row.locus }, locusKey: locusKey(row.locus) });
  log.append(scarEvent(valid));
}

/** A scar on its own, with its log entry, in one transaction. */
export async function addScar(scar: Scar): Promise<void> {
  await withGovernedLog(['scars'], (log) => insertScar(scar, log));
}

export async function scarExists(id: string): Promise<boolean> {
  return (await scars().get(id)) !== undefined;
}

/** Adds a restoration after checking it with the domain rules (after the scar and earlier repairs). */
export async function addRestoration(id: string, scarId: string, restoration: Restoration): Promise<void> {
  await withGovernedLog(['scars', 'restorations'], async (log) => {
    const current = await readScar(scarId);
    restoreScar(current ? [current] : [], scarId, restoration);
    await restorations().add({ id, scarId, at: restoration.at, note: restoration.note });
    log.append(restorationEvent(scarId, restoration));
  });
}

async function readScar(id: string): Promise<Scar | undefined> {
  const row = await scars().get(id);
  if (!row) return undefined;
  const rs = await restorations().where('scarId').equals(id).sortBy('at');
  return toScar(row, rs);
}

function toScar(row: ScarRow, rs: readonly RestorationRow[]): Scar {
  const { locusKey: _key, ...scar } = row;
  return { ...scar, restorations: rs.map((r) => ({ at: r.at, note: r.note })) };
}

/** Every scar with its restorations (oldest scar first, restorations in time order). */
export async function readScars(): Promise<Scar[]> {
  const [rows, rs] = await Promise.all([scars().orderBy('createdAt').toArray(), restorations().orderBy('at').toArray()]);
  return withRestorations(rows, rs);
}

function withRestorations(rows: readonly ScarRow[], rs: readonly RestorationRow[]): Scar[] {
  const byScar = new Map<string, RestorationRow[]>();
  for (const r of rs) byScar.set(r.scarId, [...(byScar.get(r.scarId) ?? []), r]);
  return rows.map((row) => toScar(row, byScar.get(row.id) ?? []));
}

/** Index order: by the indexed value, then by id (as IndexedDB orders an index). */
const byThenId = <R extends { id: string }>(value: (r: R) => number) => (a: R, b: R) =>
  value(a) - value(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** readScars for the dials and the atlas: the same rows, read in background turns (inTurns.ts). */
async function readScarsInTurns(): Promise<Scar[]> {
  const rows = await readAllInTurns(scars(), (r) => r.id);
  const rs = await readAllInTurns(restorations(), (r) => r.id);
  return withRestorations(rows.sort(byThenId((r) => r.createdAt)), rs.sort(byThenId((r) => r.at)));
}

export function observeScars(): Live<Scar[]> {
  return live(readScarsInTurns);
}
