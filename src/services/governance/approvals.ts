import { DomainError } from '../../domain/errors';
import { ACTIONS } from '../../domain/governance/actions';
import { decide } from '../../domain/governance/decide';
import { ApprovalStateError, getApproval, moveApproval, observeApprovals, type ApprovalRow } from '../../store/approvalsRepo';
import type { Live } from '../../store/live';
import { withGovernedLog } from '../../store/logRepo';
import { appliedEvent, budgetScar, commitApplied, type AlsoWrite } from './apply';
import { forgetWaiting, proposalFor, remember, throughChapel } from './automation';
import { registerBuiltinExecutors } from './builtins';
import type { ChapelOutcome } from './chapel';
import { governanceSnapshot } from './snapshot';

export type { ApprovalRow };

/** The queued action cannot run: its page closed and no executor rebuilds it. */
export class ProposalUnavailableError extends DomainError {
  readonly actionId: string;
  constructor(actionId: string) {
    super(`action ${actionId} was proposed in a page that has closed; reject it and propose it again`, 'ProposalUnavailableError');
    this.actionId = actionId;
  }
}

/** Approval refused by governance itself (the fuse is tripped for a high-hazard action). */
export class GovernanceRefusalError extends DomainError {
  constructor(reason: string) {
    super(reason, 'GovernanceRefusalError');
  }
}

export function approvalQueue(): Live<ApprovalRow[]> {
  return observeApprovals();
}

/** Whether Approve can work for this row in this page. */
export function canRun(row: ApprovalRow): boolean {
  // Rebuilding a queued proposal after a reload needs its executor; they load with the queue.
  registerBuiltinExecutors();
  return proposalFor(row.id, row.actionKind, row.params) !== undefined;
}

/** A person approves a queued action: logged, then it runs (through the chapel when hazard or budget say so). */
export async function approveAction(id: string, by = 'self'): Promise<ChapelOutcome> {
  const row = await getApproval(id);
  if (row && row.state !== 'pending') throw new ApprovalStateError(id, row.state);
  registerBuiltinExecutors();
  const proposal = row && proposalFor(id, row.actionKind, row.params);
  if (!row || !proposal) throw new ProposalUnavailableError(id);
  const action = ACTIONS[row.actionKind];
  const snap = await governanceSnapshot();
  // The approval passes the gates that wait for a person; hazard, the fuse and the budget still apply.
  const decision = decide(action, { constitution: snap.record.constitution, status: snap.status, approvedBy: by });
  if (decision.verdict === 'blocked') throw new GovernanceRefusalError(decision.reason);
  const at = snap.now;
  await withGovernedLog(['approvals'], async (log) => {
    await moveApproval(id, 'pending', { state: 'approved', decidedAt: at, decidedBy: by });
    log.append({ kind: 'approval', at, payload: { actionId: id, action: row.actionKind, by } });
  });
  forgetWaiting(id);
  const settle = (outcome: string): AlsoWrite => ({
    tables: ['approvals'],
    write: async () => void (await moveApproval(id, 'approved', { state: 'applied', outcome })),
  });
  try {
    if (decision.verdict === 'chapel') {
      const outcome = await throughChapel(id, proposal, false, settle('applied after the pause'));
      if (!outcome.ran) await markFailed(id, outcome.reason);
      return outcome;
    }
    await commitApplied(proposal, appliedEvent(id, proposal, action, false, at), budgetScar(snap, row.actionKind, action.externalCost, at), settle('applied'));
    remember(id, proposal, at);
    return { ran: true };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    await markFailed(id, reason);
    return { ran: false, reason };
  }
}

async function markFailed(id: string, reason: string): Promise<void> {
  await withGovernedLog(['approvals'], async () => {
    await moveApproval(id, 'approved', { state: 'failed', outcome: reason });
  });
}

/** A person rejects a queued action; logged, and it never runs. */
export async function rejectAction(id: string, by = 'self', at = Date.now()): Promise<void> {
  const row = await getApproval(id);
  await withGovernedLog(['approvals'], async (log) => {
    await moveApproval(id, 'pending', { state: 'rejected', decidedAt: at, decidedBy: by });
    log.append({ kind: 'rejection', at, payload: { actionId: id, action: row?.actionKind ?? 'unknown', by } });
  });
  forgetWaiting(id);
}
