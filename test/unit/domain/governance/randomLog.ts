import { DEFAULT_CONSTITUTION, type Constitution } from '../../../../src/domain/governance/constitution';
import { adoptFirstConstitution, amendConstitution, constitutionEvent, type ConstitutionRecord } from '../../../../src/domain/governance/constitutionChain';
import { mulberry32 } from '../../../../src/domain/random';
import type { GovernedEvent, LogEntry } from '../../../../src/domain/ledger/logEntry';
import { T0, asLog } from './logHelpers';

/*
 * Random governed logs full of near-misses for the ethics proofs: duplicate scar ids,
 * restorations before their scar, short pauses, vetoed checks, consent given by someone else,
 * budgets crossed outside the chapel, broken constitution chains, malformed constitution
 * entries, clocks going backwards. Used to check the running fold against the reference.
 */

export type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** A chain of constitutions that differ in every parameter the proofs read. */
export async function constitutionChainForTests(): Promise<ConstitutionRecord[]> {
  const first = await adoptFirstConstitution(DEFAULT_CONSTITUTION);
  const variants: Partial<Constitution>[] = [
    { minPauseMs: 5000 },
    { eExtMax: 3 },
    { slice: { steps: 4 } },
    { slice: { hours: 1 } },
    { answerableTo: { primary: ['self', 'ana'], secondary: [], lastResort: 'self' } },
    { answerableTo: { primary: ['ana'], secondary: ['self'], lastResort: 'self' } },
    { minPauseMs: 0, slice: { hours: 48 } },
    { maxAutomatedPerSession: 2, maxPlanDepth: 1 },
    { existentialAudit: true, auditMaxSteps: 2 },
  ];
  const records = [first];
  let prev = first;
  for (const v of variants) {
    prev = await amendConstitution(prev, v);
    records.push(prev);
  }
  return records;
}

/** A random log with its own chain of constitutions (sometimes broken) and the current record. */
export function randomLog(seed: number, records: readonly ConstitutionRecord[]): { entries: LogEntry[]; current: ConstitutionRecord; now: number } {
  const r = mulberry32(seed);
  const n = Math.floor(r() * (r() < 0.2 ? 400 : 70));
  const ids = (p: string, k: number) => `${p}${Math.floor(r() * k)}`;
  let t = T0 + Math.floor(r() * 3_600_000 * 100);
  let chainAt = r() < 0.85 ? 0 : -1; // index of the next record to log in order (-1: log none in order)
  const events: GovernedEvent[] = [];
  const wellBehaved = r() < 0.4;
  const scars: string[] = [];
  const start = r();
  if (start < 0.1) {
    // a malformed first constitution entry: the current constitution rules until a well-formed one
    const e = constitutionEvent(records[0] as ConstitutionRecord, t);
    events.push({ ...e, payload: { ...e.payload, constitution: 'c' } });
  } else if (start < 0.75) {
    events.push(constitutionEvent(records[0] as ConstitutionRecord, t));
    chainAt = 1;
  }
  for (let i = 0; i < n; i++) {
    t += r() < 0.05 ? -Math.floor(r() * 7_200_000) : Math.floor(r() * (r() < 0.1 ? 20 * 3_600_000 : 4000));
    const x = r();
    const actionId = r() < 0.05 ? undefined : ids('a', wellBehaved ? 1000 : 6);
    if (x < 0.1) {
      events.push({ kind: pick(r, ['bet_placed', 'bet_resolved', 'import', 'run_recorded'] as const), at: t, payload: { betId: ids('b', 9), proposalId: r() < 0.05 ? ids('p', 3) : undefined } });
    } else if (x < 0.2) {
      const id = r() < 0.05 ? undefined : ids('s', wellBehaved ? 1000 : 8);
      if (id !== undefined) scars.push(id);
      events.push({ kind: 'scar', at: t, payload: { id, locus: { kind: 'area', ref: 'x' }, trigger: 'manual_incident', severity: 0.3, description: 'd', createdAt: t } });
    } else if (x < 0.26) {
      const scarId = scars.length > 0 && r() < 0.9 ? pick(r, scars) : ids('s', 8);
      const at = r() < 0.1 ? t - Math.floor(r() * 7_200_000) : t;
      events.push({ kind: 'restoration', at, payload: { scarId, at, note: 'n' } });
    } else if (x < 0.5) {
      // a chapel passage, whole or in part
      const pause = pick(r, [0, 2000, 3000, 3000, 5000, 6000]);
      events.push({ kind: 'chapel_entered', at: t, payload: { actionId, action: 'bulk_delete_evidence', hazard: 'high', externalCost: 5, intent: 'i', automated: r() < 0.5, minPauseMs: 3000 } });
      if (r() < 0.9) events.push({ kind: 'pause_elapsed', at: t + pause + (r() < 0.1 ? -1000 : 0), payload: { actionId, elapsedMs: r() < 0.05 ? 'x' : pause } });
      if (r() < 0.9) events.push({ kind: 'veto_checked', at: t + pause, payload: { actionId, vetoed: r() < 0.15, fuse: 'ok' } });
      if (r() < 0.9) events.push({ kind: 'action_applied', at: t + pause + 1, payload: { actionId, action: 'bulk_delete_evidence', hazard: pick(r, ['high', 'existential', 'high']), externalCost: 5, automated: r() < 0.5, viaChapel: true } });
      t += pause + 1;
    } else if (x < 0.56) {
      const stewards = pick(r, [['self'], ['ana', 'self'], ['bob'], 'bad', []] as const);
      events.push({ kind: 'proposal_opened', at: t, payload: { proposalId: ids('p', 4), stewards, specId: 'x', action: 'inject_priors' } });
    } else if (x < 0.62) {
      const proposalId = r() < 0.1 ? undefined : ids('p', 4);
      const participant = pick(r, ['self', 'self', 'ana', 'bob']);
      const by = r() < 0.85 ? participant : pick(r, ['self', 'ana']);
      events.push({ kind: 'consent', at: t, payload: { proposalId, participant, to: pick(r, ['CONSENT_GIVEN', 'CONSENT_GIVEN', 'DISSENT', 'ABSTAIN', 'LISTEN', 'bogus']), by } });
    } else if (x < 0.8) {
      events.push({
        kind: 'action_applied',
        at: t,
        payload: {
          actionId, action: pick(r, ['inject_priors', 'refit_priors', 'refit_priors', 'close_task', 'mystery']),
          hazard: pick(r, ['low', 'low', 'low', 'high']), externalCost: pick(r, [0, 0.1, 0.2, 1, 2, 4.5, undefined]),
          automated: r() < 0.6, viaChapel: false, ...(r() < 0.3 ? { proposalId: ids('p', 4) } : {}),
          ...(r() < 0.7 ? { sessionId: pick(r, ['s1', 's1', 's2', 's3']) } : {}),
          ...(r() < 0.3 ? { planDepth: pick(r, [1, 2, 3, 'deep']) } : {}),
        },
      });
    } else if (x < 0.86) {
      events.push({ kind: pick(r, ['session_started', 'fuse_reset', 'approval', 'action_queued'] as const), at: t, payload: { sessionId: 's', by: 'self' } });
    } else if (x < 0.9) {
      events.push(r() < 0.5 ? { kind: 'veto', at: t, payload: { actionId, by: 'self' } } : { kind: 'veto_checked', at: t, payload: { actionId, vetoed: true, fuse: 'tripped' } });
    } else if (x < 0.95 && chainAt >= 0 && chainAt < records.length) {
      events.push(constitutionEvent(records[chainAt] as ConstitutionRecord, t));
      chainAt++;
    } else if (x < 0.975) {
      // a constitution entry out of order, or one with a wrong id, previous id or payload
      const rec = pick(r, records);
      const bad = pick(r, ['order', 'id', 'previous', 'string', 'null']);
      const e = constitutionEvent(rec, t);
      if (bad === 'order') events.push(e);
      else if (bad === 'id') events.push({ ...e, payload: { ...e.payload, id: 'f'.repeat(64) } });
      else if (bad === 'previous') events.push({ ...e, payload: { ...e.payload, previousId: 'nope' } });
      else events.push({ ...e, payload: { ...e.payload, constitution: bad === 'string' ? 'c' : null } });
    } else {
      events.push({ kind: 'pause_elapsed', at: t, payload: { actionId, elapsedMs: 9999 } });
    }
  }
  // The current constitution: usually the last one logged in order, sometimes another.
  const logged = chainAt > 0 ? (records[chainAt - 1] as ConstitutionRecord) : (records[0] as ConstitutionRecord);
  const current = r() < 0.8 ? logged : pick(r, records);
  const entries = asLog(JSON.parse(JSON.stringify(events)) as GovernedEvent[]);
  return { entries, current, now: t + Math.floor(r() * (r() < 0.3 ? 100 * 3_600_000 : 60_000)) };
}

