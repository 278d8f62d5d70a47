import { ValidationError } from '../errors';
import { toHex } from '../ledger/bytes';
import { canonicalBytes, canonicalJson } from '../ledger/canonicalJson';
import { sha256 } from '../ledger/sha256';
import { validateConstitution } from './constitutionValidate';
import type { GovernedEvent } from '../ledger/logEntry';
import type { NewScar } from '../scars/scarLog';
import { personOnly, type Constitution } from './constitution';

/** A constitution as adopted: its id and the id of the one it replaced (null for the first). */
export type ConstitutionRecord = {
  readonly id: string;
  readonly previousId: string | null;
  readonly constitution: Constitution;
};

/** Hex SHA-256 of the canonical JSON of the parameters: equal parameters, equal id. */
export async function constitutionId(c: Constitution): Promise<string> {
  return toHex(await sha256(canonicalBytes(c)));
}

export async function adoptFirstConstitution(c: Constitution): Promise<ConstitutionRecord> {
  validateConstitution(c);
  return { id: await constitutionId(c), previousId: null, constitution: c };
}

/**
 * A new constitution from `prev` with `changes`; its record names the previous id. The
 * caller takes it through the chapel, logs constitutionEvent and leaves amendmentScar.
 */
export async function amendConstitution(
  prev: ConstitutionRecord,
  changes: Partial<Constitution>,
): Promise<ConstitutionRecord> {
  // A constitution from before `alwaysNeedsPerson` existed meant LEGACY_PERSON_ONLY: its
  // successor states that explicitly, unless the amendment changes it.
  const next = { alwaysNeedsPerson: personOnly(prev.constitution), ...prev.constitution, ...changes };
  validateConstitution(next);
  const id = await constitutionId(next);
  if (id === prev.id) throw new ValidationError('changes', 'change nothing: a new constitution must differ from the previous one');
  return { id, previousId: prev.id, constitution: next };
}

/** Top-level parameters whose values differ (by canonical JSON). */
export function changedFields(a: Constitution, b: Constitution): (keyof Constitution)[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as (keyof Constitution)[];
  return keys.filter((k) => canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null));
}

export function constitutionEvent(record: ConstitutionRecord, at: number): GovernedEvent {
  return {
    kind: 'constitution',
    at,
    payload: { id: record.id, previousId: record.previousId, constitution: record.constitution },
  };
}

/** Every change of the constitution leaves a governance scar (DOMAIN.md section 4). */
export function amendmentScar(prev: ConstitutionRecord, next: ConstitutionRecord, at: number): NewScar {
  const fields = changedFields(prev.constitution, next.constitution);
  return {
    id: `constitution-${next.id.slice(0, 16)}`,
    locus: { kind: 'governance', ref: 'constitution' },
    trigger: 'constitution_change',
    severity: 0.2,
    description: `constitution ${prev.id.slice(0, 8)} -> ${next.id.slice(0, 8)}: changed ${fields.join(', ')}`,
    createdAt: at,
  };
}
