import { isHighHazard } from './actions';
import { constitutionId } from './constitutionChain';
import { applies, openProposal, reduceConsent } from './consent';
import { flag, num, str } from './payload';
import { sliceIndexOf } from './slice';
import type { LogEntry } from '../ledger/logEntry';
import type { Constitution } from './constitution';
import type { ConstitutionRecord } from './constitutionChain';
import type { ConsentField, ConsentState } from './consent';

/*
 * The proof handles of the ethics header: each is a boolean computed by re-reading the log,
 * so the header can only claim what the (Merkle-committed) log shows. The constitution in
 * force at an entry is the last `constitution` entry at or before it; before the first one,
 * that first one; with none logged, the current one. A malformed payload fails the check.
 */

function inForce(entries: readonly LogEntry[], fallback: Constitution): Constitution[] {
  let c = firstLogged(entries) ?? fallback;
  return entries.map((e) => {
    if (e.kind === 'constitution') c = asConstitution(e.payload.constitution) ?? c;
    return c;
  });
}
function firstLogged(entries: readonly LogEntry[]): Constitution | undefined {
  const e = entries.find((x) => x.kind === 'constitution');
  return e === undefined ? undefined : asConstitution(e.payload.constitution);
}
function asConstitution(v: unknown): Constitution | undefined {
  return typeof v === 'object' && v !== null ? (v as Constitution) : undefined;
}

/** Every high/existential action_applied was preceded by chapel_entered, a long enough pause_elapsed and a clean veto_checked. */
export function pauseInvariants(entries: readonly LogEntry[], current: Constitution): boolean {
  const rules = inForce(entries, current);
  const entered = new Map<string, { at: number; minPauseMs: number }>();
  const paused = new Set<string>();
  const checked = new Set<string>();
  for (const [i, e] of entries.entries()) {
    const id = str(e.payload, 'actionId') ?? '';
    if (e.kind === 'chapel_entered') {
      entered.set(id, { at: e.at, minPauseMs: (rules[i] as Constitution).minPauseMs });
      paused.delete(id);
      checked.delete(id);
    }
    const start = entered.get(id);
    if (e.kind === 'pause_elapsed' && start !== undefined) {
      const elapsed = num(e.payload, 'elapsedMs') ?? -1;
      if (elapsed >= start.minPauseMs && e.at - start.at >= start.minPauseMs) paused.add(id);
    }
    if (e.kind === 'veto_checked' && paused.has(id) && e.payload.vetoed === false) checked.add(id);
    if (e.kind === 'action_applied') {
      if (isHighHazard(e.payload.hazard) && (id === '' || !checked.has(id))) return false;
      checked.delete(id); // one passage through the chapel allows one application
    }
  }
  return true;
}

/** Every applied proposal on a shared spec had CONSENT_GIVEN from all primary stewards, by their own events. */
export function consentInvariants(entries: readonly LogEntry[], current: Constitution): boolean {
  const rules = inForce(entries, current);
  const fields = new Map<string, ConsentField>();
  for (const [i, e] of entries.entries()) {
    const proposalId = str(e.payload, 'proposalId');
    if (proposalId === undefined) continue;
    const field = fields.get(proposalId) ?? openProposal(proposalId, []);
    if (e.kind === 'consent') {
      const participant = str(e.payload, 'participant') ?? '';
      const by = str(e.payload, 'by') ?? '';
      const to = (str(e.payload, 'to') ?? '') as ConsentState;
      fields.set(proposalId, reduceConsent(field, { kind: 'consent', proposalId, participant, to, by, at: e.at }));
    }
    if (e.kind === 'action_applied' && !applies(field, (rules[i] as Constitution).answerableTo.primary)) return false;
  }
  return true;
}

/** Scar ids are unique (a scar is never logged twice) and every restoration follows its scar. */
export function scarAppendOnly(entries: readonly LogEntry[]): boolean {
  const created = new Map<string, number>();
  for (const e of entries) {
    if (e.kind === 'scar') {
      const id = str(e.payload, 'id');
      if (id === undefined || created.has(id)) return false;
      created.set(id, e.at);
    }
    if (e.kind === 'restoration') {
      const at = created.get(str(e.payload, 'scarId') ?? '');
      if (at === undefined || e.at < at) return false;
    }
  }
  return true;
}

/** No automated action outside the chapel took its slice's E_ext past eExtMax. */
export function budgetInvariants(entries: readonly LogEntry[], current: Constitution): boolean {
  const rules = inForce(entries, current);
  const chapel = new Set<string>();
  const spent = new Map<number, number>();
  for (const [i, e] of entries.entries()) {
    const c = rules[i] as Constitution;
    if (e.kind === 'chapel_entered') chapel.add(str(e.payload, 'actionId') ?? '');
    if (e.kind !== 'action_applied') continue;
    const slice = sliceIndexOf(e, c.slice);
    const eExt = (spent.get(slice) ?? 0) + (num(e.payload, 'externalCost') ?? 0);
    spent.set(slice, eExt);
    const viaChapel = chapel.has(str(e.payload, 'actionId') ?? '');
    if (flag(e.payload, 'automated') && !viaChapel && eExt > c.eExtMax) return false;
  }
  return true;
}

/**
 * The logged constitutions form one chain: the first names no predecessor, each later one
 * names the previous id, every id is the hash of its parameters, and the last is the one in
 * force now (with none logged, the current one must be the first ever).
 */
export async function constitutionChain(entries: readonly LogEntry[], current: ConstitutionRecord): Promise<boolean> {
  let previous: string | null = null;
  for (const e of entries) {
    if (e.kind !== 'constitution') continue;
    const c = asConstitution(e.payload.constitution);
    const id = str(e.payload, 'id');
    if (c === undefined || id === undefined || e.payload.previousId !== previous) return false;
    if ((await constitutionId(c)) !== id) return false;
    previous = id;
  }
  if ((await constitutionId(current.constitution)) !== current.id) return false;
  return previous === null ? current.previousId === null : previous === current.id;
}
