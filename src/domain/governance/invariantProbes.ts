import { validateKernel } from '../scars/kernels';
import { SCAR_FLOOR, isUnresolved, scarWeight } from '../scars/weight';
import { ChapelError, checkVeto, elapse, enterChapel, run, veto, type ChapelIntent } from './chapel';
import { applies, openProposal, refusal, replayConsent } from './consent';
import { decide, type DecisionContext } from './decide';
import type { Scar } from '../scars/types';
import type { Action } from './actions';
import type { Constitution } from './constitution';
import type { SliceStatus } from './slice';

/*
 * The code-path half of each invariant of the ethics header: the app's own decision, chapel,
 * consent and scar functions, run on probes under the constitution in force. An invariant is
 * published only while this half and the log's half both hold (ethicsHeader.ts). A
 * constitution can switch a guard off (a zero pause, no steward): then the probe fails.
 */

export const INVARIANT_NAMES = [
  'E_EXT_RED_BOUNDARY',
  'INDEPENDENT_VETO_CHAPEL',
  'NO_UNBOUNDED_REWRITE_UNDER_AUDIT',
  'SILENCE_BANDS_PROTECTED',
  'SCARS_DURABLE_FORGIVENESS_BOUNDED',
] as const;
export type InvariantName = (typeof INVARIANT_NAMES)[number];

const CALM: SliceStatus = {
  sliceIndex: 0, eExt: 0, eExtMax: 0, fuse: 'ok', vetoesThisSlice: 0, automatedThisSlice: 0, automatedThisSession: 0, existentialAudit: false,
};
const PROBE = { requiredTrust: 0 as const, hazard: 'low' as const, externalCost: 0, changesSpec: false };
/** A probe action of a kind no constitution names as always-personal. */
const probe = (over: Partial<Action> = {}): Action => ({ kind: 'refit_priors', ...PROBE, ...over });

/** `c` with the gates this probe is not about opened, so it sees only its own gate. */
function only(c: Constitution, over: Partial<Constitution>): Constitution {
  return { ...c, trustLevel: 4, alwaysNeedsPerson: [], existentialAudit: false, ...over };
}
const verdict = (action: Action, ctx: DecisionContext) => decide(action, ctx).verdict;

/** An automated action costing more than what is left of the budget never simply applies. */
function eExtRedBoundary(c: Constitution): boolean {
  if (!Number.isFinite(c.eExtMax) || c.eExtMax <= 0) return false;
  const over = probe({ externalCost: c.eExtMax + 1 });
  return verdict(over, { constitution: only(c, {}), status: CALM }) === 'chapel';
}

/** High hazard enters the chapel, waits a pause > 0 that cannot be cut short, and a veto stops it. */
function independentVetoChapel(c: Constitution): boolean {
  if (!(c.minPauseMs > 0)) return false;
  const high = probe({ hazard: 'high' });
  if (verdict(high, { constitution: only(c, {}), status: CALM }) !== 'chapel') return false;
  if (verdict(high, { constitution: only(c, {}), status: { ...CALM, fuse: 'tripped' } }) !== 'blocked') return false;
  const intent: ChapelIntent = { actionId: 'probe', action: 'refit_priors', hazard: 'high', externalCost: 0, intent: 'probe', automated: true };
  const entered = enterChapel(intent, 0, c.minPauseMs);
  const refuses = (f: () => unknown) => {
    try {
      f();
      return false;
    } catch (err) {
      return err instanceof ChapelError;
    }
  };
  const vetoed = checkVeto(veto(entered.state, 1, 'probe').state, 2, 'ok');
  return refuses(() => elapse(entered.state, c.minPauseMs - 1)) && refuses(() => run(vetoed.state, 3));
}

/** The session cap, the plan depth and existential audit each send automation to a person. */
function noUnboundedRewrite(c: Constitution): boolean {
  const base = only(c, {});
  if (!Number.isInteger(c.maxAutomatedPerSession) || !Number.isInteger(c.maxPlanDepth) || !Number.isInteger(c.auditMaxSteps)) return false;
  const audit = only(c, { existentialAudit: true });
  return (
    verdict(probe(), { constitution: base, status: { ...CALM, automatedThisSession: c.maxAutomatedPerSession } }) === 'queue' &&
    verdict(probe(), { constitution: base, status: CALM, planDepth: c.maxPlanDepth + 1 }) === 'queue' &&
    verdict(probe({ changesSpec: true }), { constitution: audit, status: CALM }) === 'queue' &&
    verdict(probe(), { constitution: audit, status: { ...CALM, automatedThisSlice: c.auditMaxSteps } }) === 'queue'
  );
}

/** Silence (timers, timeouts, listening, abstaining) never consents, and nobody consents for another. */
function silenceBandsProtected(c: Constitution): boolean {
  if (c.answerableTo.primary.length === 0) return false;
  const field = openProposal('probe', ['a', 'b']);
  const quiet = replayConsent(field, [
    { kind: 'tick', at: 1 },
    { kind: 'timeout', at: 2 },
    { kind: 'consent', proposalId: 'probe', participant: 'b', to: 'ABSTAIN', at: 3, by: 'b' },
    { kind: 'consent', proposalId: 'probe', participant: 'a', to: 'CONSENT_GIVEN', at: 4, by: 'b' },
  ]);
  const proxy = refusal(field, { kind: 'consent', proposalId: 'probe', participant: 'a', to: 'CONSENT_GIVEN', at: 5, by: 'b' });
  return !applies(quiet, ['a', 'b']) && !applies(quiet, ['b']) && !applies(field, []) && proxy !== null;
}

const CENTURY_MS = 100 * 365.25 * 86_400_000;

/** Under the kernel in force an unresolved scar keeps its weight and a restored one never fades below the floor. */
function scarsDurable(c: Constitution): boolean {
  try {
    validateKernel(c.forgivenessKernel);
  } catch {
    return false;
  }
  const scar: Scar = {
    id: 'probe', locus: { kind: 'area', ref: 'probe' }, trigger: 'manual_incident', severity: 1, description: 'probe', createdAt: 0, restorations: [],
  };
  const restored: Scar = { ...scar, restorations: [{ at: 1, note: 'probe' }] };
  return (
    isUnresolved(scar, CENTURY_MS) &&
    scarWeight(scar, CENTURY_MS, c.forgivenessKernel) === scar.severity &&
    scarWeight(restored, CENTURY_MS, c.forgivenessKernel) >= SCAR_FLOOR
  );
}

/** The code-path half of each invariant under `c`. */
export function codePathChecks(c: Constitution): Record<InvariantName, boolean> {
  return {
    E_EXT_RED_BOUNDARY: eExtRedBoundary(c),
    INDEPENDENT_VETO_CHAPEL: independentVetoChapel(c),
    NO_UNBOUNDED_REWRITE_UNDER_AUDIT: noUnboundedRewrite(c),
    SILENCE_BANDS_PROTECTED: silenceBandsProtected(c),
    SCARS_DURABLE_FORGIVENESS_BOUNDED: scarsDurable(c),
  };
}
