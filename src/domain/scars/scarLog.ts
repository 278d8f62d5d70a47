import { DomainError, ValidationError } from '../errors';
import { SCAR_TRIGGERS } from './types';
import type { GovernedEvent } from '../ledger/logEntry';
import type { Restoration, Scar, ScarLocusKind } from './types';

/*
 * Scars are append-only: nothing here edits or deletes one. Every function returns new,
 * frozen values, and each change comes with the log event that records it, so the log,
 * not a mutable table, is the history.
 */

/** Raised when something tries to rewrite history (a second scar with an existing id, ...). */
export class ScarAppendOnlyError extends DomainError {
  constructor(message: string) {
    super(message, 'ScarAppendOnlyError');
  }
}

const LOCUS_KINDS: readonly ScarLocusKind[] = ['principle', 'nudge', 'spec', 'bet', 'governance', 'area'];

/** A scar as it is first written: no restoration yet. */
export type NewScar = Omit<Scar, 'restorations'>;

/** A validated, frozen scar with no restorations. */
export function createScar(input: NewScar): Scar {
  if (typeof input.id !== 'string' || input.id.trim() === '') throw new ValidationError('id', 'must be a non-empty string');
  if (!LOCUS_KINDS.includes(input.locus?.kind)) throw new ValidationError('locus.kind', `must be one of ${LOCUS_KINDS.join(', ')}`);
  if (typeof input.locus.ref !== 'string' || input.locus.ref === '') throw new ValidationError('locus.ref', 'must be a non-empty string');
  if (!(SCAR_TRIGGERS as readonly string[]).includes(input.trigger)) throw new ValidationError('trigger', `unknown trigger "${input.trigger}"`);
  if (!(input.severity > 0 && input.severity <= 1)) throw new ValidationError('severity', 'must be in (0, 1]');
  if (typeof input.description !== 'string') throw new ValidationError('description', 'must be a string');
  if (!Number.isFinite(input.createdAt)) throw new ValidationError('createdAt', 'must be epoch milliseconds');
  return Object.freeze({
    id: input.id,
    locus: Object.freeze({ kind: input.locus.kind, ref: input.locus.ref }),
    trigger: input.trigger,
    severity: input.severity,
    description: input.description,
    createdAt: input.createdAt,
    restorations: Object.freeze([]),
  });
}

/** A new list with `scar` at the end; refuses an id that is already there. */
export function appendScar(scars: readonly Scar[], scar: Scar): readonly Scar[] {
  if (scars.some((s) => s.id === scar.id)) throw new ScarAppendOnlyError(`scar ${scar.id} already exists; scars are never re-logged`);
  return Object.freeze([...scars, createScar(scar)]);
}

/** A new list in which scar `scarId` has one more restoration; the old list and scar are untouched. */
export function restoreScar(scars: readonly Scar[], scarId: string, restoration: Restoration): readonly Scar[] {
  const i = scars.findIndex((s) => s.id === scarId);
  const scar = scars[i];
  if (scar === undefined) throw new ValidationError('scarId', `no scar ${scarId}`);
  const last = scar.restorations[scar.restorations.length - 1];
  if (!Number.isFinite(restoration.at) || restoration.at < (last?.at ?? scar.createdAt)) {
    throw new ValidationError('at', 'a restoration comes after the scar and after earlier restorations');
  }
  if (typeof restoration.note !== 'string' || restoration.note.trim() === '') {
    throw new ValidationError('note', 'say what was done to restore');
  }
  const restored: Scar = Object.freeze({
    ...scar,
    restorations: Object.freeze([...scar.restorations, Object.freeze({ at: restoration.at, note: restoration.note })]),
  });
  return Object.freeze(scars.map((s, j) => (j === i ? restored : s)));
}

/** The log event for a new scar (its payload is the scar as created, with no restorations). */
export function scarEvent(scar: Scar): GovernedEvent {
  const { id, locus, trigger, severity, description, createdAt } = scar;
  return { kind: 'scar', at: createdAt, payload: { id, locus: { ...locus }, trigger, severity, description, createdAt } };
}

export function restorationEvent(scarId: string, restoration: Restoration): GovernedEvent {
  return { kind: 'restoration', at: restoration.at, payload: { scarId, at: restoration.at, note: restoration.note } };
}
