import { isHighHazard } from './actions';
import { personOnly } from './constitution';
import type { Action } from './actions';
import type { Constitution } from './constitution';
import type { SliceStatus } from './slice';

export type Verdict = 'apply' | 'queue' | 'chapel' | 'blocked';
export type Decision = { readonly verdict: Verdict; readonly reason: string };

export type DecisionContext = {
  readonly constitution: Constitution;
  readonly status: SliceStatus;
  /**
   * How many automated steps led here: 1 for an action proposed on its own, n + 1 for one
   * proposed because an automated action of depth n ran (a plan). Default 1.
   */
  readonly planDepth?: number;
  /**
   * The person who approved this very action in the approval queue. The gates that exist to
   * wait for a person (always-personal actions, the trust level, the session's automation cap,
   * the plan depth, existential audit's limits on automation) are then passed; hazard, the fuse
   * and the budget still apply.
   */
  readonly approvedBy?: string;
};

/** Why the action must wait for a person, or null when no person gate holds it. */
function personGate(action: Action, ctx: DecisionContext): string | null {
  const { constitution: c, status: s } = ctx;
  const depth = ctx.planDepth ?? 1;
  if (personOnly(c).includes(action.kind)) {
    return `${action.kind} always needs a person's approval (the constitution's alwaysNeedsPerson)`;
  }
  if (action.requiredTrust > c.trustLevel) {
    return `${action.kind} needs trust level ${action.requiredTrust}; the constitution grants ${c.trustLevel}`;
  }
  if (s.automatedThisSession >= c.maxAutomatedPerSession) {
    return `this session already ran ${s.automatedThisSession} automated actions (limit ${c.maxAutomatedPerSession})`;
  }
  if (depth > c.maxPlanDepth) {
    return `it is step ${depth} of an automated plan (maxPlanDepth ${c.maxPlanDepth})`;
  }
  if (c.existentialAudit && action.changesSpec) return 'under existential audit automation may not change specs';
  if (c.existentialAudit && s.automatedThisSlice >= c.auditMaxSteps) {
    return `under existential audit at most ${c.auditMaxSteps} automated actions per slice`;
  }
  return null;
}

/**
 * What governance does with an action, checked from the hardest stop down:
 * blocked (high hazard while the fuse is tripped) > queue for a person (unless a person
 * approved it: see personGate) > chapel (high hazard, or the cost would take E_ext past
 * eExtMax) > apply.
 */
export function decide(action: Action, ctx: DecisionContext): Decision {
  const { constitution: c, status: s } = ctx;
  const high = isHighHazard(action.hazard);
  if (high && s.fuse === 'tripped') {
    return { verdict: 'blocked', reason: `the veto fuse is tripped: ${action.hazard}-hazard automation waits until a person resets it` };
  }
  if (ctx.approvedBy === undefined) {
    const wait = personGate(action, ctx);
    if (wait !== null) return { verdict: 'queue', reason: wait };
  }
  if (high) {
    return { verdict: 'chapel', reason: `${action.hazard}-hazard action: recorded intent, ${c.minPauseMs} ms pause and veto check first` };
  }
  if (s.eExt + action.externalCost > c.eExtMax) {
    return { verdict: 'chapel', reason: `E_ext would reach ${s.eExt + action.externalCost} of ${c.eExtMax} in this slice` };
  }
  const who = ctx.approvedBy === undefined ? `within trust level ${c.trustLevel}` : `approved by ${ctx.approvedBy}`;
  return { verdict: 'apply', reason: `${who} and budget (${s.eExt + action.externalCost} of ${c.eExtMax})` };
}
