import type { Table } from 'dexie';
import { DomainError } from '../domain/errors';
import { constitutionEvent, type ConstitutionRecord } from '../domain/governance/constitutionChain';
import { constitutionLine, type ConstitutionLine } from '../domain/governance/constitutionLine';
import { db } from './db';
import { live, type Live } from './live';
import { withGovernedLog, type GovernedLog } from './logRepo';

/**
 * Constitutions: each row is frozen once written; a change is a new row naming the previous
 * id, logged in the same transaction. The current one is the last of the line in force
 * (domain/governance/constitutionLine.ts: of two amendments made apart on paired devices, the
 * earlier governs); on one device alone that is the newest.
 */

export type ConstitutionRow = ConstitutionRecord & { createdAt: number };

const constitutions = (): Table<ConstitutionRow, string> => db().table<ConstitutionRow, string>('constitutions');

async function readLine(): Promise<ConstitutionLine<ConstitutionRow>> {
  return constitutionLine(await constitutions().toArray());
}

export async function currentConstitution(): Promise<ConstitutionRow | undefined> {
  return (await readLine()).line.at(-1);
}

/** The constitutions in force one after another, newest (the one in force now) first. */
export async function constitutionHistory(): Promise<ConstitutionRow[]> {
  return (await readLine()).line.reverse();
}

export function observeConstitutions(): Live<ConstitutionRow[]> {
  return live(constitutionHistory);
}

/** Every constitution adopted here or on a paired device, in force or not. */
export function everyConstitution(): Promise<ConstitutionRow[]> {
  return constitutions().toArray();
}

/** Amendments made on paired devices while apart that are not in force, with the one that is. */
export function observeConstitutionsApart(): Live<ConstitutionLine<ConstitutionRow>['apart']> {
  return live(async () => (await readLine()).apart);
}

/**
 * Adopts `first` when no constitution exists yet (logged as the first `constitution` entry);
 * otherwise leaves everything as it is. Two tabs starting together adopt it once.
 */
export async function adoptIfNone(first: ConstitutionRecord, at: number): Promise<ConstitutionRow> {
  return withGovernedLog(['constitutions'], async (log) => {
    const existing = await currentConstitution();
    if (existing) return existing;
    return insertConstitution(first, at, log);
  });
}

/**
 * Writes a new constitution with its `constitution` event, inside a governed transaction that
 * includes `constitutions`. Refuses a record that does not name the current one as previous,
 * so two amendments made from the same starting point cannot both land.
 */
export async function insertConstitution(record: ConstitutionRecord, at: number, log: GovernedLog): Promise<ConstitutionRow> {
  const current = await currentConstitution();
  if ((current?.id ?? null) !== record.previousId) {
    throw new ConstitutionConflictError(current?.id ?? null, record.previousId);
  }
  // createdAt must sort after the current one even when clocks tie.
  const row: ConstitutionRow = { ...record, createdAt: Math.max(at, (current?.createdAt ?? -1) + 1) };
  await constitutions().add(row);
  log.append(constitutionEvent(record, at));
  return row;
}

/** An amendment was based on a constitution that is no longer the current one. */
export class ConstitutionConflictError extends DomainError {
  readonly current: string | null;
  readonly named: string | null;
  constructor(current: string | null, named: string | null) {
    super(`the amendment names ${named?.slice(0, 8) ?? 'none'} as previous, but the current constitution is ${current?.slice(0, 8) ?? 'none'}`, 'ConstitutionConflictError');
    this.current = current;
    this.named = named;
  }
}
