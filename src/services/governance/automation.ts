import { ValidationError } from '../../domain/errors';
import { ACTIONS, type ActionKind } from '../../domain/governance/actions';
import type { ChapelIntent } from '../../domain/governance/chapel';
import { decide, type Verdict } from '../../domain/governance/decide';
import { newId } from '../../domain/ids';
import { insertApproval } from '../../store/approvalsRepo';
import { appendGoverned, withGovernedLog } from '../../store/logRepo';
import { appliedEvent, budgetScar, commitApplied, type AutomationProposal } from './apply';
import { chapel, type ChapelOutcome } from './chapel';
import { sessionId } from './session';
import { governanceSnapshot } from './snapshot';

/**
 * proposeAutomation: the one door through which anything automated acts (ARCHITECTURE.md,
 * journey 3). The domain's `decide` gives the verdict; this module carries it out:
 * apply now, queue for a person, pass through the chapel, or refuse (fuse tripped).
 *
 *   const r = await proposeAutomation({
 *     action: 'inject_priors', intent: 'inject the learned-priors block into "Parser"',
 *     params: { specId }, apply: { kind: 'external', run: () => inject(specId) },
 *     rollback: () => restoreCheckpoint(checkpointId),
 *   });
 *   // r.verdict: 'apply' | 'queue' | 'chapel' | 'blocked'; r.done settles when it ran or stopped.
 */

export type { AutomationProposal, ApplyPlan } from './apply';

export interface ProposeContext {
  /** Epoch ms of the decision (tests). */
  readonly now?: number;
}

export interface ProposalResult {
  readonly actionId: string;
  /** 'consent': proposed on a shared spec, it waits for every steward's consent (services/governance/sharedProposals.ts). */
  readonly verdict: Verdict | 'consent';
  readonly reason: string;
  /** Settles when the action ran or was stopped (at once for apply, queue and blocked). */
  readonly done: Promise<ChapelOutcome>;
}

/** Rebuilds a proposal from its recorded params, so a queued action survives a reload. */
export type Executor = (params: Record<string, unknown>) => AutomationProposal;

const executors = new Map<ActionKind, Executor>();
/** Proposals waiting in the queue from this page (their apply closures live only here). */
const waiting = new Map<string, AutomationProposal>();
const rollbacks = new Map<string, { proposal: AutomationProposal; at: number }>();
const listeners = new Set<() => void>();

export function registerExecutor(kind: ActionKind, executor: Executor): void {
  executors.set(kind, executor);
}

/** The proposal behind a queued action: from this page, or rebuilt by its kind's executor. */
export function proposalFor(actionId: string, kind: ActionKind, params: Record<string, unknown>): AutomationProposal | undefined {
  return waiting.get(actionId) ?? executors.get(kind)?.(params);
}

export function forgetWaiting(actionId: string): void {
  waiting.delete(actionId);
}

function check(p: AutomationProposal): void {
  const action = ACTIONS[p.action];
  if (!action) throw new ValidationError('action', `unknown automated action "${String(p.action)}"`);
  if (!p.intent.trim()) throw new ValidationError('intent', 'say what the action will do');
  if (action.changesSpec && !p.rollback) throw new ValidationError('rollback', `${p.action} changes a spec and needs a rollback`);
}

export async function proposeAutomation(proposal: AutomationProposal, ctx: ProposeContext = {}): Promise<ProposalResult> {
  check(proposal);
  const now = ctx.now ?? chapel().now();
  const action = ACTIONS[proposal.action];
  const snap = await governanceSnapshot(now);
  const decision = decide(action, { constitution: snap.record.constitution, status: snap.status, planDepth: proposal.planDepth ?? 1 });
  const actionId = newId('act', now);
  const settled = (outcome: ChapelOutcome) => ({ actionId, ...decision, done: Promise.resolve(outcome) });
  switch (decision.verdict) {
    case 'blocked':
      return settled({ ran: false, reason: decision.reason });
    case 'queue':
      waiting.set(actionId, proposal);
      await withGovernedLog(['approvals'], (log) =>
        insertApproval(
          {
            id: actionId,
            state: 'pending',
            createdAt: now,
            actionKind: proposal.action,
            intent: proposal.intent,
            reason: decision.reason,
            params: proposal.params ?? {},
          },
          log,
        ),
      );
      return settled({ ran: false, reason: decision.reason });
    case 'chapel': {
      const done = throughChapel(actionId, proposal, true);
      return { actionId, ...decision, done };
    }
    case 'apply':
      await commitApplied(proposal, appliedEvent(actionId, proposal, action, true, now), budgetScar(snap, proposal.action, action.externalCost, now));
      remember(actionId, proposal, now);
      return settled({ ran: true });
  }
}

/** Pause, veto check and then the change, with the budget scar if it crosses eExtMax. */
export async function throughChapel(
  actionId: string,
  proposal: AutomationProposal,
  automated: boolean,
  also?: Parameters<typeof commitApplied>[3],
): Promise<ChapelOutcome> {
  const action = ACTIONS[proposal.action];
  const snap = await governanceSnapshot(chapel().now());
  const intent: ChapelIntent = {
    actionId, action: proposal.action, hazard: action.hazard, externalCost: action.externalCost, intent: proposal.intent, automated,
    sessionId: sessionId(), planDepth: proposal.planDepth ?? 1,
    ...(proposal.proposalId !== undefined ? { proposalId: proposal.proposalId } : {}),
  };
  const outcome = await chapel().enter(intent, snap.record.constitution.minPauseMs, async (applied) => {
    const at = chapel().now();
    const fresh = await governanceSnapshot(at);
    await commitApplied(proposal, applied, budgetScar(fresh, proposal.action, action.externalCost, at), also);
  });
  if (outcome.ran) remember(actionId, proposal, chapel().now());
  return outcome;
}

/** Keeps the rollback of an applied action for one-click undo in this page. */
export function remember(actionId: string, proposal: AutomationProposal, at: number): void {
  if (!proposal.rollback) return;
  rollbacks.set(actionId, { proposal, at });
  for (const l of listeners) l();
}

export interface Rollbackable {
  actionId: string;
  action: ActionKind;
  intent: string;
  at: number;
}

/** Applied actions of this page that can still be undone in one click. */
export function rollbackable(): Rollbackable[] {
  return [...rollbacks].map(([actionId, r]) => ({ actionId, action: r.proposal.action, intent: r.proposal.intent, at: r.at }));
}

export function onRollbackableChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Undoes an applied action (e.g. restores the checkpoint taken before a spec change); logged. */
export async function rollBack(actionId: string, now = Date.now()): Promise<void> {
  const r = rollbacks.get(actionId);
  if (!r?.proposal.rollback) throw new ValidationError('actionId', `action ${actionId} has no rollback in this page`);
  await r.proposal.rollback();
  rollbacks.delete(actionId);
  for (const l of listeners) l();
  await appendGoverned({ kind: 'action_rolled_back', at: now, payload: { actionId, action: r.proposal.action } });
}
