import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../../src/domain/governance/actions';
import { DEFAULT_CONSTITUTION } from '../../../../src/domain/governance/constitution';
import { decide } from '../../../../src/domain/governance/decide';
import type { ActionKind } from '../../../../src/domain/governance/actions';
import type { Constitution, TrustLevel } from '../../../../src/domain/governance/constitution';
import type { SliceStatus } from '../../../../src/domain/governance/slice';

const calm: SliceStatus = {
  sliceIndex: 0,
  eExt: 0,
  eExtMax: 10,
  fuse: 'ok',
  vetoesThisSlice: 0,
  automatedThisSlice: 0,
  automatedThisSession: 0,
  existentialAudit: false,
};
const at = (trustLevel: TrustLevel, more: Partial<Constitution> = {}): Constitution => ({ ...DEFAULT_CONSTITUTION, trustLevel, ...more });

// Expected verdicts by trust level 0..4, with an empty budget and a calm fuse.
const TABLE: Record<ActionKind, string[]> = {
  refit_priors: ['queue', 'queue', 'apply', 'apply', 'apply'],
  inject_priors: ['queue', 'queue', 'queue', 'apply', 'apply'],
  close_task: ['queue', 'queue', 'queue', 'apply', 'apply'],
  accept_candidate: ['queue', 'queue', 'queue', 'apply', 'apply'],
  bulk_delete_evidence: ['queue', 'queue', 'queue', 'queue', 'queue'],
};

describe('decide', () => {
  for (const [kind, verdicts] of Object.entries(TABLE) as [ActionKind, string[]][]) {
    verdicts.forEach((want, level) => {
      it(`${kind} at trust level ${level}: ${want}`, () => {
        const d = decide(ACTIONS[kind], { constitution: at(level as TrustLevel), status: calm });
        expect(d.verdict).toBe(want);
        expect(d.reason.length).toBeGreaterThan(10);
      });
    });
  }

  it('sends an action to the chapel when it would push E_ext past eExtMax, and applies it when it just fits', () => {
    const c = at(3);
    expect(decide(ACTIONS.inject_priors, { constitution: c, status: { ...calm, eExt: 8 } }).verdict).toBe('apply');
    const d = decide(ACTIONS.inject_priors, { constitution: c, status: { ...calm, eExt: 9 } });
    expect(d).toMatchObject({ verdict: 'chapel' });
    expect(d.reason).toMatch(/11 of 10/);
  });

  it('sends every high-hazard action that may be automated to the chapel', () => {
    const risky = { ...ACTIONS.refit_priors, hazard: 'high' as const };
    expect(decide(risky, { constitution: at(2), status: calm }).verdict).toBe('chapel');
    expect(decide({ ...risky, hazard: 'existential' }, { constitution: at(4), status: calm }).verdict).toBe('chapel');
  });

  it('blocks high-hazard automation while the fuse is tripped, but not low-hazard work', () => {
    const status = { ...calm, fuse: 'tripped' as const };
    expect(decide({ ...ACTIONS.refit_priors, hazard: 'high' }, { constitution: at(4), status }).verdict).toBe('blocked');
    expect(decide(ACTIONS.bulk_delete_evidence, { constitution: at(4), status }).verdict).toBe('blocked');
    expect(decide(ACTIONS.refit_priors, { constitution: at(4), status }).verdict).toBe('apply');
  });

  it('queues once the session has used its automated actions', () => {
    const d = decide(ACTIONS.refit_priors, { constitution: at(4), status: { ...calm, automatedThisSession: 10 } });
    expect(d).toMatchObject({ verdict: 'queue' });
    expect(d.reason).toMatch(/limit 10/);
  });

  it('under existential audit: no automated spec change, and at most auditMaxSteps per slice', () => {
    const c = at(4, { existentialAudit: true });
    expect(decide(ACTIONS.close_task, { constitution: c, status: calm }).verdict).toBe('queue');
    expect(decide(ACTIONS.refit_priors, { constitution: c, status: { ...calm, automatedThisSlice: 2 } }).verdict).toBe('apply');
    expect(decide(ACTIONS.refit_priors, { constitution: c, status: { ...calm, automatedThisSlice: 3 } }).verdict).toBe('queue');
  });
});
