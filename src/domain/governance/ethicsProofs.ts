import { changesSpec, isHighHazard } from './actions';
import { constitutionId } from './constitutionChain';
import { applies, openProposal, reduceConsent } from './consent';
import { flag, num, str } from './payload';
import { sliceIndexOf } from './slice';
import type { LogEntry } from '../ledger/logEntry';
import type { Constitution } from './constitution';
import type { ConstitutionRecord } from './constitutionChain';
import type { ConsentField, ConsentState } from './consent';

/*
 * The log checks behind the ethics header: each re-reads the log, so the header can only
 * claim what the (Merkle-committed) log shows, and each names the first entry that broke it.
 * The constitution in force at an entry is the last `constitution` entry at or before it;
 * before the first one, that first one; with none logged, the current one. A malformed
 * payload fails the check.
 * This is the reference: ethicsFold.ts computes the same answers one entry at a time, and
 * test/unit/domain/governance/ethicsFold.test.ts checks that both agree on random logs.
 */

/** A check's answer: whether it holds, and the seq of the first entry that broke it. */
export type Check = { readonly ok: boolean; readonly brokenAt: number | null };
export const HOLDS: Check = { ok: true, brokenAt: null };
export const brokenBy = (e: Pick<LogEntry, 'seq'>): Check => ({ ok: false, brokenAt: e.seq });

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
export function asConstitution(v: unknown): Constitution | undefined {
  return typeof v === 'object' && v !== null ? (v as Constitution) : undefined;
}

/** The names a proposal_opened entry lists as its primary stewards ([] when malformed: nothing can apply). */
export function stewardsOf(v: unknown): string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...(v as string[])] : [];
}

/** Every high/existential action_applied was preceded by chapel_entered, a long enough pause_elapsed and a clean veto_checked. */
export function pauseInvariants(entries: readonly LogEntry[], current: Constitution): Check {
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
      if (isHighHazard(e.payload.hazard) && (id === '' || !checked.has(id))) return brokenBy(e);
      checked.delete(id); // one passage through the chapel allows one application
    }
  }
  return HOLDS;
}

type Proposal = { field: ConsentField; stewards?: string[] };

/**
 * Silence bands: every applied proposal had CONSENT_GIVEN from each of its primary stewards,
 * by their own events. The stewards are the ones its proposal_opened entry named (fixed when it
 * was opened, the same on every device); a proposal never opened in this log answers to the
 * constitution's primary stewards.
 */
export function consentInvariants(entries: readonly LogEntry[], current: Constitution): Check {
  const rules = inForce(entries, current);
  const proposals = new Map<string, Proposal>();
  for (const [i, e] of entries.entries()) {
    const proposalId = str(e.payload, 'proposalId');
    if (proposalId === undefined) continue;
    const p = proposals.get(proposalId) ?? { field: openProposal(proposalId, []) };
    if (e.kind === 'proposal_opened' && p.stewards === undefined) p.stewards = stewardsOf(e.payload.stewards);
    if (e.kind === 'consent') {
      const participant = str(e.payload, 'participant') ?? '';
      const by = str(e.payload, 'by') ?? '';
      const to = (str(e.payload, 'to') ?? '') as ConsentState;
      p.field = reduceConsent(p.field, { kind: 'consent', proposalId, participant, to, by, at: e.at });
    }
    proposals.set(proposalId, p);
    if (e.kind === 'action_applied' && !applies(p.field, p.stewards ?? (rules[i] as Constitution).answerableTo.primary)) return brokenBy(e);
  }
  return HOLDS;
}

export type ScarCheck = Check & { readonly scars: number; readonly restorations: number };

/** Scar ids are unique (a scar is never logged twice) and every restoration follows its scar; with the counts logged. */
export function scarAppendOnly(entries: readonly LogEntry[]): ScarCheck {
  const created = new Map<string, number>();
  let restorations = 0;
  let removed = 0;
  let check: Check = HOLDS;
  for (const e of entries) {
    if (e.kind === 'scar') {
      const id = str(e.payload, 'id');
      if (check.ok && (id === undefined || created.has(id))) check = brokenBy(e);
      if (id !== undefined && !created.has(id)) created.set(id, e.at);
    }
    if (e.kind === 'restoration') {
      restorations++;
      const at = created.get(str(e.payload, 'scarId') ?? '');
      if (check.ok && (at === undefined || e.at < at)) check = brokenBy(e);
    }
    if (e.kind === 'sample_data' && e.payload.action === 'removed') {
      // The sample workspace's scars left the store with it, as this entry records.
      const ids = Array.isArray(e.payload.scarIds) ? e.payload.scarIds.filter((id): id is string => typeof id === 'string') : [];
      removed += ids.filter((id) => created.has(id)).length;
      restorations -= typeof e.payload.restorations === 'number' ? e.payload.restorations : 0;
    }
  }
  return { ...check, scars: created.size - removed, restorations };
}

/** E_ext red boundary: no automated action outside the chapel took its slice's E_ext past eExtMax. */
export function budgetInvariants(entries: readonly LogEntry[], current: Constitution): Check {
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
    if (flag(e.payload, 'automated') && !viaChapel && eExt > c.eExtMax) return brokenBy(e);
  }
  return HOLDS;
}

/**
 * No unbounded rewrite: every automated action_applied stayed within its session's
 * maxAutomatedPerSession (actions without a sessionId predate session ids and are not
 * counted), within maxPlanDepth, and, under existential audit, changed no spec and kept its
 * slice to auditMaxSteps automated actions.
 */
export function rewriteBounds(entries: readonly LogEntry[], current: Constitution): Check {
  const rules = inForce(entries, current);
  const perSession = new Map<string, number>();
  const perSlice = new Map<number, number>();
  for (const [i, e] of entries.entries()) {
    if (e.kind !== 'action_applied' || !flag(e.payload, 'automated')) continue;
    const c = rules[i] as Constitution;
    const slice = sliceIndexOf(e, c.slice);
    const inSlice = (perSlice.get(slice) ?? 0) + 1;
    perSlice.set(slice, inSlice);
    const session = str(e.payload, 'sessionId');
    const inSession = session === undefined ? 0 : (perSession.get(session) ?? 0) + 1;
    if (session !== undefined) perSession.set(session, inSession);
    if (inSession > c.maxAutomatedPerSession || (num(e.payload, 'planDepth') ?? 1) > c.maxPlanDepth) return brokenBy(e);
    if (c.existentialAudit === true && (changesSpec(e.payload.action) || inSlice > c.auditMaxSteps)) return brokenBy(e);
  }
  return HOLDS;
}

/**
 * The logged constitutions form one chain: the first names no predecessor, each later one
 * names the previous id, every id is the hash of its parameters, and the last is the one in
 * force now (with none logged, the current one must be the first ever).
 */
export async function constitutionChain(entries: readonly LogEntry[], current: ConstitutionRecord): Promise<Check> {
  let previous: string | null = null;
  for (const e of entries) {
    if (e.kind !== 'constitution') continue;
    const c = asConstitution(e.payload.constitution);
    const id = str(e.payload, 'id');
    if (c === undefined || id === undefined || e.payload.previousId !== previous) return brokenBy(e);
    if ((await constitutionId(c)) !== id) return brokenBy(e);
    previous = id;
  }
  if ((await constitutionId(current.constitution)) !== current.id) return { ok: false, brokenAt: null };
  const tipOk = previous === null ? current.previousId === null : previous === current.id;
  return tipOk ? HOLDS : { ok: false, brokenAt: null };
}
