import { isHighHazard } from './actions';
import type { Action } from './actions';
import type { Constitution } from './constitution';
import type { SliceStatus } from './slice';

export type Verdict = 'apply' | 'queue' | 'chapel' | 'blocked';
export type Decision = { readonly verdict: Verdict; readonly reason: string };
export type DecisionContext = { readonly constitution: Constitution; readonly status: SliceStatus };

/**
 * What governance does with an automated action, checked from the hardest stop down:
 * blocked (high hazard while the fuse is tripped) > queue for a person (beyond the trust
 * level, always-personal, session cap, existential audit) > chapel (high hazard, or the cost
 * would take E_ext past eExtMax) > apply.
 */
export function decide(action: Action, ctx: DecisionContext): Decision {
  const { constitution: c, status: s } = ctx;
  const high = isHighHazard(action.hazard);
  if (high && s.fuse === 'tripped') {
    return { verdict: 'blocked', reason: `the veto fuse is tripped: ${action.hazard}-hazard automation waits until a person resets it` };
  }
  if (action.alwaysNeedsPerson) {
    return { verdict: 'queue', reason: `${action.kind} always needs a person's approval` };
  }
  if (action.requiredTrust > c.trustLevel) {
    return { verdict: 'queue', reason: `${action.kind} needs trust level ${action.requiredTrust}; the constitution grants ${c.trustLevel}` };
  }
  if (s.automatedThisSession >= c.maxAutomatedPerSession) {
    return { verdict: 'queue', reason: `this session already ran ${s.automatedThisSession} automated actions (limit ${c.maxAutomatedPerSession})` };
  }
  if (c.existentialAudit && action.changesSpec) {
    return { verdict: 'queue', reason: 'under existential audit automation may not change specs' };
  }
  if (c.existentialAudit && s.automatedThisSlice >= c.auditMaxSteps) {
    return { verdict: 'queue', reason: `under existential audit at most ${c.auditMaxSteps} automated actions per slice` };
  }
  if (high) {
    return { verdict: 'chapel', reason: `${action.hazard}-hazard action: recorded intent, ${c.minPauseMs} ms pause and veto check first` };
  }
  if (s.eExt + action.externalCost > c.eExtMax) {
    return { verdict: 'chapel', reason: `E_ext would reach ${s.eExt + action.externalCost} of ${c.eExtMax} in this slice` };
  }
  return { verdict: 'apply', reason: `within trust level ${c.trustLevel} and budget (${s.eExt + action.externalCost} of ${c.eExtMax})` };
}
