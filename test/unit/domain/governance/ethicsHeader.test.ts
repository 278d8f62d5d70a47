import { beforeAll, describe, expect, it } from 'vitest';
import { elapse, checkVeto, enterChapel, run } from '../../../../src/domain/governance/chapel';
import { DEFAULT_CONSTITUTION, type Constitution } from '../../../../src/domain/governance/constitution';
import { adoptFirstConstitution, amendConstitution, constitutionEvent } from '../../../../src/domain/governance/constitutionChain';
import { consentLogEvent } from '../../../../src/domain/governance/consent';
import { INVARIANT_NAMES, MERKLE_NOTE, ethicsHeader, type EthicsHeader } from '../../../../src/domain/governance/ethicsHeader';
import { createScar, restorationEvent, scarEvent } from '../../../../src/domain/scars/scarLog';
import type { ChapelIntent } from '../../../../src/domain/governance/chapel';
import type { ConstitutionRecord } from '../../../../src/domain/governance/constitutionChain';
import type { GovernedEvent } from '../../../../src/domain/ledger/logEntry';
import type { SignedTreeHead } from '../../../../src/domain/ledger/treeHead';
import type { Scar } from '../../../../src/domain/scars/types';
import { T0, applied, asLog, filler } from './logHelpers';
import { SEED_STUB, shapeDifferences } from '../../../support/ethicsStub';

/*
 * Each invariant of the ethics header is broken in a log (or in the constitution's code path)
 * and the header must stop listing it and turn its proof handle false; the well-behaved log
 * lists all five.
 */

const bulk: ChapelIntent = {
  actionId: 'bulk-1', action: 'bulk_delete_evidence', hazard: 'high', externalCost: 5, intent: 'drop a broken import', automated: false,
};
const sth: SignedTreeHead = { size: 3, root: 'ab'.repeat(32), at: T0, signature: 'cd'.repeat(64) };

/** The chapel's own events for one high-hazard action, pause `pauseMs` long. */
function chapelRun(intent: ChapelIntent, start: number, pauseMs = 3000): GovernedEvent[] {
  const a = enterChapel(intent, start, 3000);
  const b = elapse(a.state, start + pauseMs);
  const c = checkVeto(b.state, start + pauseMs, 'ok');
  return [a.event, b.event, c.event, run(c.state, start + pauseMs + 1).event];
}

const consent = (proposalId: string, participant: string, to: 'CONSENT_GIVEN' | 'LISTEN' | 'ABSTAIN' | 'DISSENT', by = participant): GovernedEvent =>
  consentLogEvent({ kind: 'consent', proposalId, participant, to, at: T0 + 20, by });
const opened = (proposalId: string, stewards: string[]): GovernedEvent => ({
  kind: 'proposal_opened', at: T0 + 19, payload: { proposalId, specId: 'spec-1', action: 'inject_priors', stewards },
});

let first: ConstitutionRecord;
let second: ConstitutionRecord;
let good: GovernedEvent[];
let scar: Scar;

beforeAll(async () => {
  first = await adoptFirstConstitution(DEFAULT_CONSTITUTION);
  second = await amendConstitution(first, { eExtMax: 12 });
  scar = createScar({ id: 's1', locus: { kind: 'principle', ref: 'p' }, trigger: 'bullshit_bet', severity: 0.5, description: 'x', createdAt: T0 + 1 });
  good = [
    constitutionEvent(first, T0),
    scarEvent(scar),
    restorationEvent('s1', { at: T0 + 2, note: 'talked it through' }),
    ...chapelRun(bulk, T0 + 10),
    opened('pr-1', ['ada', 'bob']),
    consent('pr-1', 'ada', 'CONSENT_GIVEN'),
    consent('pr-1', 'bob', 'CONSENT_GIVEN'),
    applied('inject-1', 2, { action: 'inject_priors', proposalId: 'pr-1', automated: false }, T0 + 21),
    applied('refit-1', 1, { sessionId: 'sess-a' }),
    constitutionEvent(second, T0 + 30),
  ];
});

/** Sixty days on, the restored scar has faded below the vigilance line (half-life 30 days). */
const LATER = T0 + 60 * 86_400_000;
const restored: () => Scar[] = () => [{ ...scar, restorations: [{ at: T0 + 2, note: 'talked it through' }] }];

function headerOf(events: GovernedEvent[], opts: { record?: ConstitutionRecord; scars?: Scar[]; now?: number } = {}): Promise<EthicsHeader> {
  return ethicsHeader({ constitution: opts.record ?? second, entries: asLog(events), scars: opts.scars ?? restored(), sth, now: opts.now ?? LATER });
}

/** An amended record whose parameters are `c` (for code-path checks; the chain is not the point). */
async function under(changes: Partial<Constitution>): Promise<{ record: ConstitutionRecord; log: GovernedEvent[] }> {
  const record = await amendConstitution(second, changes);
  return { record, log: [...good, constitutionEvent(record, T0 + 35)] };
}

describe('ethics header: the seed shape', () => {
  it('has every key of the seed stub, in its order and of its type, then the app’s own keys', async () => {
    const h = await headerOf(good);
    expect(shapeDifferences(SEED_STUB, JSON.parse(JSON.stringify(h)))).toEqual([]);
    expect(h.compiler_ethics_v).toBe('0.1');
    expect(h.answerable_to).toEqual({ primary: ['self'], secondary: [], last_resort: 'self' });
    expect(h.governance_stack).toEqual({ constitution_id: second.id, existential_audit: false, E_ext_max_const: 12, min_pause_ms_const: 3000 });
    expect(h.invariants_wired).toEqual([...INVARIANT_NAMES]);
    expect(h.zk_proof_handles).toEqual({ pause_invariants: true, hazard_caps_respected: true, consent_silence_bands_intact: true, scars_monotone: true });
    expect(h.trust_slice_status).toEqual({ beta1_lap: null, veto_fuse_status: 'ok', scar_tone: 'earned_forgiveness', unresolved_scar: false });
    expect(h).toMatchObject({ proof_kind: 'merkle_commitment', proof_note: MERKLE_NOTE, signed_root: sth, constitution_chain_intact: true });
  });

  it('computes the trust slice from the log and the scars: jitter, fuse, tone, unresolved', async () => {
    const refit = (effects: Record<string, number>): GovernedEvent => ({ kind: 'refit_recorded', at: T0 + 31, payload: { effects } });
    const fresh: Scar = { ...scar, id: 's2', restorations: [] };
    // The 13 entries of `good`, a scar, a veto and a run fill the first step slice (16 entries);
    // both refits are in the current one, and they moved by |13-10| and |-3+4|: 2 pp on average.
    const log = [...good, scarEvent(fresh), { kind: 'veto', at: T0 + 33, payload: { actionId: 'x', by: 'self' } }, ...filler(1), refit({ a: 10, b: -4 }), refit({ a: 13, b: -3 })] as GovernedEvent[];
    expect(log.length).toBe(18);
    const h = await headerOf(log, {
      scars: [...restored(), fresh],
    });
    expect(h.trust_slice_status).toEqual({ beta1_lap: 2, veto_fuse_status: 'tripped', scar_tone: 'unresolved', unresolved_scar: true });
    expect(h.slice_status.unresolved_scars).toBe(1);
    // Weight 0.5 restored a moment ago is still above the vigilance line; sixty days on it is not.
    expect((await headerOf(good)).trust_slice_status.scar_tone).toBe('earned_forgiveness');
    expect((await headerOf(good, { now: T0 + 3 })).trust_slice_status.scar_tone).toBe('vigilance');
  });
});

describe('ethics header: breaking an invariant in the log drops its name and turns its handle false', () => {
  const without = (h: EthicsHeader, name: string) => expect(h.invariants_wired).toEqual(INVARIANT_NAMES.filter((n) => n !== name));

  it('a high-hazard action without its pause: INDEPENDENT_VETO_CHAPEL, pause_invariants', async () => {
    const log = [...good, ...chapelRun({ ...bulk, actionId: 'bulk-2' }, T0 + 100).slice(-1)];
    const h = await headerOf(log);
    without(h, 'INDEPENDENT_VETO_CHAPEL');
    expect(h.zk_proof_handles.pause_invariants).toBe(false);
    expect(h.evidence.pause_invariants).toEqual({ holds: false, broken_at: log.length - 1 });
    const short = chapelRun({ ...bulk, actionId: 'bulk-3' }, T0 + 100).map((e) =>
      e.kind === 'pause_elapsed' ? { ...e, at: T0 + 100 + 2999, payload: { ...e.payload, elapsedMs: 2999 } } : e,
    );
    expect((await headerOf([...good, ...short])).zk_proof_handles.pause_invariants).toBe(false);
  });

  it('a scar entry removed: SCARS_DURABLE_FORGIVENESS_BOUNDED, scars_monotone', async () => {
    const removed = good.filter((e) => e.kind !== 'scar');
    const h = await headerOf(removed);
    without(h, 'SCARS_DURABLE_FORGIVENESS_BOUNDED');
    expect(h.zk_proof_handles.scars_monotone).toBe(false);
    // The restoration that now follows no scar is the entry named.
    expect(h.evidence.scars_logged.broken_at).toBe(removed.findIndex((e) => e.kind === 'restoration'));
    // A scar the store holds but the log never recorded breaks it too.
    const unlogged = await headerOf(good, { scars: [...restored(), { ...scar, id: 's9', restorations: [] }] });
    without(unlogged, 'SCARS_DURABLE_FORGIVENESS_BOUNDED');
    expect(unlogged.evidence.scars_logged).toMatchObject({ holds: false, broken_at: null, log: { scars: 1 }, store: { scars: 2 } });
  });

  it('a consent by silence: SILENCE_BANDS_PROTECTED, consent_silence_bands_intact', async () => {
    const silent = [...good, opened('pr-2', ['ada', 'bob']), consent('pr-2', 'ada', 'CONSENT_GIVEN'), consent('pr-2', 'bob', 'LISTEN'), applied('inject-2', 1, { proposalId: 'pr-2', automated: false })];
    const h = await headerOf(silent);
    without(h, 'SILENCE_BANDS_PROTECTED');
    expect(h.zk_proof_handles.consent_silence_bands_intact).toBe(false);
    expect(h.evidence.consent_silence_bands.broken_at).toBe(silent.length - 1);
    // Abstaining is silence too, and nobody can consent for bob.
    const abstain = [...good, opened('pr-3', ['ada', 'bob']), consent('pr-3', 'ada', 'CONSENT_GIVEN'), consent('pr-3', 'bob', 'ABSTAIN'), applied('i3', 1, { proposalId: 'pr-3' })];
    expect((await headerOf(abstain)).zk_proof_handles.consent_silence_bands_intact).toBe(false);
    const proxy = [...good, opened('pr-4', ['ada', 'bob']), consent('pr-4', 'ada', 'CONSENT_GIVEN'), consent('pr-4', 'bob', 'CONSENT_GIVEN', 'ada'), applied('i4', 1, { proposalId: 'pr-4' })];
    expect((await headerOf(proxy)).zk_proof_handles.consent_silence_bands_intact).toBe(false);
  });

  it('a budget overrun: E_EXT_RED_BOUNDARY, hazard_caps_respected (not when it went through the chapel)', async () => {
    // The slice holds 5 (bulk) + 2 + 1 = 8 of eExtMax 10 under the first constitution.
    const pre = good.slice(0, -1);
    const h = await headerOf([...pre, applied('big', 3)], { record: first });
    without(h, 'E_EXT_RED_BOUNDARY');
    expect(h.zk_proof_handles.hazard_caps_respected).toBe(false);
    const viaChapel = chapelRun({ ...bulk, actionId: 'big', hazard: 'low', externalCost: 3, automated: true }, T0 + 300);
    expect((await headerOf([...pre, ...viaChapel], { record: first })).zk_proof_handles.hazard_caps_respected).toBe(true);
  });

  it('a session overrun, a plan too deep, a spec change under audit: NO_UNBOUNDED_REWRITE_UNDER_AUDIT, hazard_caps_respected', async () => {
    // Ten automated actions in session sess-b are the limit; the eleventh breaks it (cost 0: the budget is not the point).
    const ten = Array.from({ length: 10 }, (_, i) => applied(`s${i}`, 0, { sessionId: 'sess-b' }));
    expect((await headerOf([...good, ...ten])).invariants_wired).toEqual([...INVARIANT_NAMES]);
    const eleven = await headerOf([...good, ...ten, applied('s10', 0, { sessionId: 'sess-b' })]);
    without(eleven, 'NO_UNBOUNDED_REWRITE_UNDER_AUDIT');
    expect(eleven.zk_proof_handles.hazard_caps_respected).toBe(false);
    expect(eleven.evidence.rewrite_bounds.broken_at).toBe(good.length + 10);
    // The same eleven actions across two sessions are within bounds.
    expect((await headerOf([...good, ...ten, applied('s10', 0, { sessionId: 'sess-c' })])).zk_proof_handles.hazard_caps_respected).toBe(true);
    const deep = await headerOf([...good, applied('d', 0, { planDepth: 6 })]);
    without(deep, 'NO_UNBOUNDED_REWRITE_UNDER_AUDIT');
    const { record, log } = await under({ existentialAudit: true });
    const audited = await headerOf([...log, applied('spec', 0, { action: 'inject_priors' })], { record });
    without(audited, 'NO_UNBOUNDED_REWRITE_UNDER_AUDIT');
    expect(audited.governance_stack.existential_audit).toBe(true);
  });

  it('constitution_chain_intact fails for a broken link or a current record that is not the last logged', async () => {
    const broken = { ...constitutionEvent(second, T0 + 30), payload: { ...constitutionEvent(second, T0 + 30).payload, previousId: 'ff'.repeat(32) } };
    const h = await headerOf([...good.slice(0, -1), broken]);
    expect(h.constitution_chain_intact).toBe(false);
    expect(h.evidence.constitution_chain.broken_at).toBe(good.length - 1);
    expect((await headerOf(good, { record: first })).constitution_chain_intact).toBe(false);
  });
});

describe('ethics header: the code-path half', () => {
  it('a constitution without a pause cannot claim an independent veto chapel, though the log holds', async () => {
    const { record, log } = await under({ minPauseMs: 0 });
    const h = await headerOf(log, { record });
    expect(h.zk_proof_handles.pause_invariants).toBe(true);
    expect(h.evidence.code_path.INDEPENDENT_VETO_CHAPEL).toBe(false);
    expect(h.invariants_wired).not.toContain('INDEPENDENT_VETO_CHAPEL');
    expect(h.invariants_wired).toHaveLength(4);
  });

  it('every probe holds under the default constitution', async () => {
    const h = await headerOf(good);
    expect(Object.values(h.evidence.code_path)).toEqual([true, true, true, true, true]);
  });
});
