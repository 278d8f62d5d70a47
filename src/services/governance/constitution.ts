import { ValidationError } from '../../domain/errors';
import type { ActionKind } from '../../domain/governance/actions';
import type { ChapelIntent } from '../../domain/governance/chapel';
import type { Constitution } from '../../domain/governance/constitution';
import { amendConstitution, amendmentScar, changedFields, type ConstitutionRecord } from '../../domain/governance/constitutionChain';
import { newId } from '../../domain/ids';
import { createScar } from '../../domain/scars/scarLog';
import { everyConstitution, insertConstitution, observeConstitutions, observeConstitutionsApart, type ConstitutionRow } from '../../store/governanceRepo';
import type { Live } from '../../store/live';
import { withGovernedLog } from '../../store/logRepo';
import { insertScar } from '../../store/scarsRepo';
import { chapel, type ChapelOutcome } from './chapel';
import { ensureConstitution, governanceSnapshot } from './snapshot';

export type { Constitution, ConstitutionRecord, ConstitutionRow };
export { ensureConstitution };

/** Newest first; the first row is the one in force. */
export function constitutions(): Live<ConstitutionRow[]> {
  return observeConstitutions();
}

/**
 * Amendments made on two paired devices while apart: the earlier governs on every device; each
 * later one is listed here (oldest first) with the one in force in its place, never dropped.
 */
export function constitutionsApart(): Live<{ row: ConstitutionRow; instead: ConstitutionRow | undefined }[]> {
  return observeConstitutionsApart();
}

/**
 * The chapel's intent names an automated action kind; an amendment is a person's act, not
 * one of the four automated actions, so its intent carries this kind instead. The log and the
 * proof handles key chapel passages by actionId, never by kind, so nothing downstream breaks.
 */
const AMEND = 'amend_constitution' as unknown as ActionKind;

export interface Amendment {
  readonly actionId: string;
  readonly next: ConstitutionRecord;
  readonly changed: readonly (keyof Constitution)[];
  /** Settles when the new constitution is in force or the amendment was vetoed. */
  readonly done: Promise<ChapelOutcome>;
}

/**
 * Proposes a new constitution: validated (ValidationError names the bad field), then through
 * the chapel (high hazard: every guard may change), and on completion written with its
 * constitution entry and a governance scar, in one transaction.
 */
export async function proposeAmendment(changes: Partial<Constitution>, by = 'self'): Promise<Amendment> {
  const snap = await governanceSnapshot();
  const prev = snap.record;
  const next = await amendConstitution(prev, changes);
  const earlier = (await everyConstitution()).find((r) => r.id === next.id);
  if (earlier) {
    throw new ValidationError('changes', `these parameters were already in force (${next.id.slice(0, 8)}); a constitution is adopted once`);
  }
  const changed = changedFields(prev.constitution, next.constitution);
  const actionId = newId('amend', snap.now);
  const intent: ChapelIntent = {
    actionId,
    action: AMEND,
    hazard: 'high',
    externalCost: 0,
    intent: `${by} amends the constitution: ${changed.map((f) => describe(f, prev.constitution, next.constitution)).join('; ')}`,
    automated: false,
  };
  const done = chapel().enter(intent, prev.constitution.minPauseMs, async (applied) => {
    const at = chapel().now();
    const scar = createScar(amendmentScar(prev, next, at));
    await withGovernedLog(['constitutions', 'scars'], async (log) => {
      log.append(applied);
      await insertConstitution(next, at, log);
      await insertScar(scar, log);
    });
  });
  return { actionId, next, changed, done };
}

function describe(field: keyof Constitution, a: Constitution, b: Constitution): string {
  const show = (v: unknown) => (typeof v === 'object' ? JSON.stringify(v) : String(v));
  return `${field} ${show(a[field])} → ${show(b[field])}`;
}
