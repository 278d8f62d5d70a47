import { beforeAll, describe, expect, it } from 'vitest';
import { elapse, checkVeto, enterChapel, run } from '../../../../src/domain/governance/chapel';
import { DEFAULT_CONSTITUTION } from '../../../../src/domain/governance/constitution';
import {
  adoptFirstConstitution,
  amendConstitution,
  constitutionEvent,
} from '../../../../src/domain/governance/constitutionChain';
import { consentLogEvent } from '../../../../src/domain/governance/consent';
import { MERKLE_NOTE, ethicsHeader } from '../../../../src/domain/governance/ethicsHeader';
import { createScar, restorationEvent, scarEvent } from '../../../../src/domain/scars/scarLog';
import type { ChapelIntent } from '../../../../src/domain/governance/chapel';
import type { ConstitutionRecord } from '../../../../src/domain/governance/constitutionChain';
import type { GovernedEvent } from '../../../../src/domain/ledger/logEntry';
import type { SignedTreeHead } from '../../../../src/domain/ledger/treeHead';
import { T0, applied, asLog } from './logHelpers';

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

let first: ConstitutionRecord;
let second: ConstitutionRecord;
let good: GovernedEvent[];

beforeAll(async () => {
  first = await adoptFirstConstitution(DEFAULT_CONSTITUTION);
  second = await amendConstitution(first, { eExtMax: 12 });
  const scar = createScar({
    id: 's1', locus: { kind: 'principle', ref: 'p' }, trigger: 'bullshit_bet', severity: 0.5, description: 'x', createdAt: T0 + 1,
  });
  good = [
    constitutionEvent(first, T0),
    scarEvent(scar),
    restorationEvent('s1', { at: T0 + 2, note: 'talked it through' }),
    ...chapelRun(bulk, T0 + 10),
    consentLogEvent({ kind: 'consent', proposalId: 'pr-1', participant: 'self', to: 'CONSENT_GIVEN', at: T0 + 20, by: 'self' }),
    applied('inject-1', 2, { action: 'inject_priors', proposalId: 'pr-1' }, T0 + 21),
    applied('refit-1', 1),
    constitutionEvent(second, T0 + 30),
  ];
});

const headerOf = (events: GovernedEvent[], record = second) =>
  ethicsHeader({ constitution: record, entries: asLog(events), sth, now: T0 + 40 });

describe('ethics header (compiler_ethics_v0_1)', () => {
  it('has the seed shape, the live slice status and the signed root', async () => {
    const h = await headerOf(good);
    expect(h.schema).toBe('compiler_ethics_v0_1');
    expect(h.answerable_to).toEqual({ primary: ['self'], secondary: [], last_resort: 'self' });
    expect(h.governance_stack).toContain('chapel_pause');
    expect(h.invariants_wired).toMatchObject({ min_pause: true, existential_audit: false, signed_log: true });
    expect(h.trust_slice_status).toEqual({
      trust_level: 2, e_ext: 8, e_ext_max: 12, fuse: 'ok', slice: { kind: 'steps', length: 16, index: 0 },
      automated_this_session: 2, existential_audit: false,
    });
    expect(h.proofs.signed_root).toEqual(sth);
    expect(h.proofs.note).toBe(MERKLE_NOTE);
    expect(h.proofs.constitution_id).toBe(second.id);
  });

  it('proves every invariant on a well-behaved log', async () => {
    expect((await headerOf(good)).proofs).toMatchObject({
      pause_invariants: true, consent_invariants: true, scar_append_only: true, budget_invariants: true, constitution_chain: true,
    });
    expect((await ethicsHeader({ constitution: first, entries: [], sth: null, now: T0 })).proofs).toMatchObject({
      pause_invariants: true, constitution_chain: true, signed_root: null,
    });
  });

  it('pause_invariants fails for a high-hazard action with no chapel, a short pause or a vetoed check', async () => {
    const bare = chapelRun(bulk, T0 + 10).slice(-1);
    expect((await headerOf([...good, ...bare])).proofs.pause_invariants).toBe(false);
    const short = chapelRun({ ...bulk, actionId: 'bulk-2' }, T0 + 100, 2999 + 3000).map((e) =>
      e.kind === 'pause_elapsed' ? { ...e, at: T0 + 100 + 2999, payload: { ...e.payload, elapsedMs: 2999 } } : e,
    );
    expect((await headerOf([...good, ...short])).proofs.pause_invariants).toBe(false);
    const vetoed = chapelRun({ ...bulk, actionId: 'bulk-3' }, T0 + 200).map((e) =>
      e.kind === 'veto_checked' ? { ...e, payload: { ...e.payload, vetoed: true } } : e,
    );
    const h = await headerOf([...good, ...vetoed]);
    expect(h.proofs.pause_invariants).toBe(false);
    expect(h.trust_slice_status.fuse).toBe('tripped');
  });

  it('consent_invariants fails when someone else consented for the steward', async () => {
    const proxy = consentLogEvent({ kind: 'consent', proposalId: 'pr-2', participant: 'self', to: 'CONSENT_GIVEN', at: T0, by: 'ben' });
    const apply = applied('inject-2', 1, { proposalId: 'pr-2' });
    expect((await headerOf([...good, proxy, apply])).proofs.consent_invariants).toBe(false);
    expect((await headerOf([...good, apply])).proofs.consent_invariants).toBe(false);
  });

  it('scar_append_only fails for a re-logged scar or a restoration of an unknown scar', async () => {
    const again = { ...good[1]!, payload: { ...good[1]!.payload, severity: 0.1 } };
    expect((await headerOf([...good, again])).proofs.scar_append_only).toBe(false);
    expect((await headerOf([...good, restorationEvent('ghost', { at: T0 + 50, note: 'n' })])).proofs.scar_append_only).toBe(false);
  });

  it('budget_invariants fails when automation outside the chapel overspends the slice, not when it went through the chapel', async () => {
    // The slice already holds 5 (bulk) + 2 + 1 = 8 of eExtMax 10 under the first constitution.
    const pre = good.slice(0, -1);
    expect((await headerOf([...pre, applied('big', 3)])).proofs.budget_invariants).toBe(false);
    const viaChapel = chapelRun({ ...bulk, actionId: 'big', hazard: 'low', externalCost: 3, automated: true }, T0 + 300);
    expect((await headerOf([...pre, ...viaChapel])).proofs.budget_invariants).toBe(true);
  });

  it('constitution_chain fails for a broken link, a forged id, or a current record that is not the last logged', async () => {
    const broken = { ...constitutionEvent(second, T0 + 30), payload: { ...constitutionEvent(second, T0 + 30).payload, previousId: 'ff'.repeat(32) } };
    expect((await headerOf([...good.slice(0, -1), broken])).proofs.constitution_chain).toBe(false);
    const forged = { ...constitutionEvent(second, T0 + 30), payload: { ...constitutionEvent(second, T0 + 30).payload, id: first.id } };
    expect((await headerOf([...good.slice(0, -1), forged], { ...second, id: first.id })).proofs.constitution_chain).toBe(false);
    expect((await headerOf(good, first)).proofs.constitution_chain).toBe(false);
  });
});
