import { ValidationError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import { lineDiff, type DiffLine } from '../../domain/spec/diff';
import { addCheckpoint, getCheckpoint, observeCheckpoints, type StoredCheckpoint } from '../../store/checkpointsRepo';
import type { Live } from '../../store/live';
import { snapshotSpec } from '../../sync/specText';
import { editSpecToText } from './edits';

export type { DiffLine };

/** A named version of a spec, kept in this browser and never deleted by the app. */
export interface Checkpoint {
  id: string;
  specId: string;
  name: string;
  createdAt: number;
  /** Taken by the app (before an automated change or a restore), not by a person. */
  automatic: boolean;
  reason?: string;
  text: string;
}

export const MAX_CHECKPOINT_NAME = 120;

function toCheckpoint(row: StoredCheckpoint): Checkpoint {
  const c: Checkpoint = { id: row.id, specId: row.specId, name: row.name, createdAt: row.createdAt, automatic: row.automatic, text: row.text };
  if (row.reason !== undefined) c.reason = row.reason;
  return c;
}

async function save(specId: string, name: string, automatic: boolean, reason?: string): Promise<Checkpoint> {
  const { text, state } = await snapshotSpec(specId);
  const createdAt = Date.now();
  const row: StoredCheckpoint = { id: newId('ckpt', createdAt), specId, name, createdAt, automatic, state, text };
  if (reason !== undefined) row.reason = reason;
  await addCheckpoint(row);
  return toCheckpoint(row);
}

/** Saves the spec as it is now under a name the person chose. Throws ValidationError on a bad name. */
export async function createCheckpoint(specId: string, nameInput: string): Promise<Checkpoint> {
  const name = nameInput.replace(/\s+/g, ' ').trim();
  if (!name) throw new ValidationError('name', 'a checkpoint needs a name');
  if (name.length > MAX_CHECKPOINT_NAME) throw new ValidationError('name', `at most ${MAX_CHECKPOINT_NAME} characters (got ${name.length})`);
  return save(specId, name, false);
}

/**
 * For automation (governance): call right before an automated change to a spec, so a person
 * can roll it back with `restoreCheckpoint(checkpoint.id)`. `reason` names the change, e.g.
 * "inject priors (proposal p_12)".
 */
export function checkpointBeforeAutomatedChange(specId: string, reason: string): Promise<Checkpoint> {
  const why = reason.replace(/\s+/g, ' ').trim() || 'automated change';
  return save(specId, `Before ${why}`.slice(0, MAX_CHECKPOINT_NAME), true, why);
}

export function checkpoints(specId: string): Live<Checkpoint[]> {
  return {
    subscribe: (observer) =>
      observeCheckpoints(specId).subscribe({ next: (rows) => observer.next?.(rows.map(toCheckpoint)), error: (e) => observer.error?.(e) }),
  };
}

export async function findCheckpoint(id: string): Promise<Checkpoint> {
  const row = await getCheckpoint(id);
  if (!row) throw new ValidationError('checkpoint', `no checkpoint with id ${id}`);
  return toCheckpoint(row);
}

/** Lines of the checkpoint (a) against the text now (b). */
export function diffCheckpoint(checkpoint: Pick<Checkpoint, 'text'>, now: string): DiffLine[] {
  return lineDiff(checkpoint.text, now);
}

/**
 * Brings the spec back to a checkpoint's text as a new edit: the text edits from now to then,
 * applied as one transaction that every tab and peer receives (the document is never
 * replaced, so nobody's history is rewritten). The text as it was just before is saved as an
 * automatic checkpoint first, so the restore itself can be undone the same way.
 */
export async function restoreCheckpoint(id: string): Promise<{ checkpoint: Checkpoint; before: Checkpoint; edits: number }> {
  const checkpoint = await findCheckpoint(id);
  const before = await save(checkpoint.specId, `Before restoring “${checkpoint.name}”`.slice(0, MAX_CHECKPOINT_NAME), true, `restore ${checkpoint.id}`);
  const { edits } = await editSpecToText(checkpoint.specId, checkpoint.text);
  return { checkpoint, before, edits: edits.length };
}
