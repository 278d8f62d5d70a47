import type { ActionKind } from '../../domain/governance/actions';
import type { GovernedEvent } from '../../domain/ledger/logEntry';
import type { Scar } from '../../domain/scars/types';
import { withGovernedLog, type GovernedLog } from '../../store/logRepo';
import { insertScar } from '../../store/scarsRepo';
import { newScar } from '../scars';
import { sessionId } from './session';
import type { GovernanceSnapshot } from './snapshot';

/**
 * How an automated action makes its change.
 * - `store`: writes to IndexedDB tables; the writes and the action_applied entry commit in
 *   one transaction. `prepare` runs first, outside it (e.g. a refit in the learner worker).
 * - `external`: a change outside the store (a Yjs edit of a spec); it is logged right after it
 *   succeeds. Spec changes come with `rollback` (restore the automatic checkpoint).
 */
export type ApplyPlan =
  | {
      readonly kind: 'store';
      readonly tables: readonly string[];
      prepare?(): Promise<void>;
      write(log: GovernedLog): Promise<void>;
    }
  | { readonly kind: 'external'; run(): Promise<void> };

export interface AutomationProposal {
  readonly action: ActionKind;
  /** What the action will do, in words a person can veto or approve. */
  readonly intent: string;
  /** Plain JSON recorded in the queue and the log (e.g. `{ before: 1714521600000 }`). */
  readonly params?: Record<string, unknown>;
  readonly apply: ApplyPlan;
  /** Required when the action changes a spec: one-click undo. */
  readonly rollback?: () => Promise<void>;
  /**
   * Its step in an automated plan: 1 (the default) when nothing automated led to it, n + 1
   * when it is proposed because an automated action of step n ran. maxPlanDepth bounds it.
   */
  readonly planDepth?: number;
  /**
   * The spec it changes. When that spec is shared with other devices, the change becomes a
   * proposal in the spec's consent channel and applies only once every steward consents.
   */
  readonly sharedSpecId?: string;
  /** Set when it applies as a consented shared proposal: its action_applied entry names it. */
  readonly proposalId?: string;
  /**
   * The next step of an automated plan, proposed once this change and its entry are committed
   * (e.g. closing the tasks an accepted candidate completes). It reports its own problems and
   * never throws: the change it follows has already happened.
   */
  readonly after?: () => Promise<void>;
}

/** Extra writes that must land with the application (e.g. the approval row moving to `applied`). */
export interface AlsoWrite {
  readonly tables: readonly string[];
  write(log: GovernedLog): Promise<void>;
}

export const BUDGET_SEVERITY = 0.25;

/** A scar when this application takes E_ext past the slice's budget (it can only via the chapel). */
export function budgetScar(snap: GovernanceSnapshot, action: ActionKind, cost: number, at: number): Scar | null {
  const after = snap.status.eExt + cost;
  if (after <= snap.record.constitution.eExtMax) return null;
  return newScar({
    locus: { kind: 'governance', ref: 'external impact budget' },
    trigger: 'budget_crossed',
    severity: BUDGET_SEVERITY,
    description: `${action} took E_ext to ${after} of ${snap.record.constitution.eExtMax} in slice ${snap.status.sliceIndex}`,
    at,
  });
}

/** Makes the change and appends `applied` (plus any scar and extra writes) as atomically as the plan allows. */
export async function commitApplied(
  proposal: AutomationProposal,
  applied: GovernedEvent,
  scar: Scar | null,
  also?: AlsoWrite,
): Promise<void> {
  const plan = proposal.apply;
  const extraTables = [...(also?.tables ?? []), ...(scar ? ['scars'] : [])];
  const record = async (log: GovernedLog) => {
    log.append(applied);
    if (scar) await insertScar(scar, log);
    await also?.write(log);
  };
  if (plan.kind === 'store') {
    await plan.prepare?.();
    await withGovernedLog([...plan.tables, ...extraTables], async (log) => {
      await plan.write(log);
      await record(log);
    });
  } else {
    await plan.run();
    await withGovernedLog(extraTables, record);
  }
  await proposal.after?.();
}

/** The action_applied event for a change made without the chapel (the chapel makes its own). */
export function appliedEvent(
  actionId: string,
  proposal: AutomationProposal,
  cost: { hazard: string; externalCost: number },
  automated: boolean,
  at: number,
): GovernedEvent {
  return {
    kind: 'action_applied',
    at,
    payload: {
      actionId,
      action: proposal.action,
      hazard: cost.hazard,
      externalCost: cost.externalCost,
      automated,
      viaChapel: false,
      intent: proposal.intent,
      params: proposal.params ?? {},
      sessionId: sessionId(),
      planDepth: proposal.planDepth ?? 1,
      ...(proposal.proposalId !== undefined ? { proposalId: proposal.proposalId } : {}),
    },
  };
}
