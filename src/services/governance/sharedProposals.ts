import { ACTIONS, isActionKind } from '../../domain/governance/actions';
import type { ConsentBoard, SharedProposalState } from '../../domain/governance/consentBoard';
import { signRecord } from '../../domain/governance/consentRecords';
import type { ConsentState } from '../../domain/governance/consent';
import { decide } from '../../domain/governance/decide';
import { ValidationError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import { readKinds } from '../../store/logRepo';
import type { ConsentChannel } from '../../sync/consentChannel';
import { appliedEvent, budgetScar, commitApplied, type AutomationProposal } from './apply';
import { proposalFor, remember, throughChapel, type ProposalResult } from './automation';
import type { ChapelOutcome } from './chapel';
import { attachConsent, boardOf, channelOf, onBoard, settled } from './consentBoards';
import { consentIdentity, myFingerprint, type ConsentIdentity } from './consentIdentity';
import { governanceSnapshot } from './snapshot';

/*
 * Automated changes to a shared spec, by consent. Proposing signs a proposal into the spec's
 * consent channel, naming its primary stewards: the proposer's constitution's (with `self`
 * read as the proposer) and every participant who has shown their key in the spec. Each
 * participant answers with a position signed by their own device. When every steward has
 * given consent (and only then: silence, a timer or someone else's word never counts), the
 * proposer's device makes the change through governance, with the stewards' consent standing
 * for a person's approval (hazard, the fuse and the budget still apply), logs it naming the
 * proposal, and marks it applied in the channel. Every device reads the same records the same
 * way (domain/governance/consentBoard.ts), so all agree on whether it may apply.
 */

/** Proposals opened from this page: their change, with its rollback, as proposed. */
const opened = new Map<string, AutomationProposal>();
const applying = new Set<string>();
const waiters = new Map<string, (o: ChapelOutcome) => void>();
/** Why a consented proposal did not run here (blocked by the fuse, its change failed, ...). */
const stalled = new Map<string, string>();

export function stalledReason(proposalId: string): string | undefined {
  return stalled.get(proposalId);
}

/** Proposes `proposal` on the shared spec `specId`: it waits for every steward's consent. */
export async function proposeShared(specId: string, proposal: AutomationProposal, now = Date.now()): Promise<ProposalResult> {
  const me = await consentIdentity();
  const release = attachShared(specId);
  try {
    const board = await settled(specId);
    await ensureRoster(specId, board, me, channelOf(specId));
    const { record } = await governanceSnapshot(now);
    const named = record.constitution.answerableTo.primary.map((p) => (p === 'self' ? me.name : p));
    const stewards = [...new Set([...named, me.name, ...(boardOf(specId)?.participants ?? []).map((p) => p.name)])];
    const proposalId = newId('prop', now);
    opened.set(proposalId, { ...proposal, proposalId, sharedSpecId: specId });
    const body = { proposalId, action: proposal.action, intent: proposal.intent, params: proposal.params ?? {}, stewards, proposer: me.name, at: now };
    channelOf(specId)?.append(await signRecord(specId, 'proposal', body, me));
    await settled(specId);
    const done = new Promise<ChapelOutcome>((resolve) => waiters.set(proposalId, resolve));
    return { actionId: proposalId, verdict: 'consent', reason: `it applies once ${stewards.join(', ')} consent`, done };
  } finally {
    release();
  }
}

/** This device's participant states their position on a proposal (signed; logged when it comes back through the channel). */
export async function answerShared(specId: string, proposalId: string, to: ConsentState, now = Date.now()): Promise<void> {
  const me = await consentIdentity();
  onBoard(actOn);
  const channel = channelOf(specId);
  const board = await settled(specId);
  if (!channel || !board.proposals.some((p) => p.proposal.proposalId === proposalId)) {
    throw new ValidationError('proposalId', `no proposal ${proposalId} on this spec`);
  }
  await ensureRoster(specId, board, me, channel);
  channel.append(await signRecord(specId, 'position', { proposalId, participant: me.name, to, at: now }, me));
  await settled(specId);
}

/** Shows this device's key and name in the spec, once (a refused claim is not repeated). */
async function ensureRoster(specId: string, board: ConsentBoard, me: ConsentIdentity, channel: ConsentChannel | undefined): Promise<void> {
  if (!channel) return;
  const mine = channel.entries().some((e) => (e as { type?: unknown; key?: unknown })?.type === 'roster' && (e as { key?: unknown }).key === me.fingerprint);
  if (mine || board.participants.some((p) => p.key === me.fingerprint)) return;
  channel.append(await signRecord(specId, 'roster', { name: me.name, publicKeyJwk: me.publicKeyJwk, at: Date.now() }, me));
}

/** Whether this device is the proposer of `p` (the name and the key the roster binds to it). */
async function proposedHere(p: SharedProposalState, board: ConsentBoard): Promise<boolean> {
  const fp = await myFingerprint();
  return board.participants.some((x) => x.name === p.proposal.proposer && x.key === fp);
}

async function alreadyApplied(proposalId: string): Promise<boolean> {
  return (await readKinds(['action_applied'])).some((e) => e.payload.proposalId === proposalId);
}

/** After each read of a board: the proposer's device applies what every steward consented to. */
async function applyConsented(specId: string, board: ConsentBoard, channel: ConsentChannel): Promise<void> {
  for (const p of board.proposals) {
    const id = p.proposal.proposalId;
    if (!p.applies || p.applied || applying.has(id) || stalled.has(id) || !(await proposedHere(p, board))) continue;
    applying.add(id);
    try {
      const outcome = (await alreadyApplied(id)) ? ({ ran: true } as const) : await carryOut(specId, p);
      if (outcome.ran) {
        const me = await consentIdentity();
        channel.append(await signRecord(specId, 'applied', { proposalId: id, by: me.name, at: Date.now() }, me));
      } else stalled.set(id, outcome.reason);
      waiters.get(id)?.(outcome);
      waiters.delete(id);
    } finally {
      applying.delete(id);
    }
  }
}

/** The consented change, through governance: the stewards' consent is the approval. */
async function carryOut(specId: string, p: SharedProposalState): Promise<ChapelOutcome> {
  const { proposalId, action, params, stewards } = p.proposal;
  if (!isActionKind(action)) return { ran: false, reason: `unknown action ${action}` };
  const rebuilt = opened.get(proposalId) ?? proposalFor(proposalId, action, { ...params });
  if (!rebuilt) return { ran: false, reason: `nothing on this device can carry out ${action}` };
  const proposal: AutomationProposal = { ...rebuilt, proposalId, sharedSpecId: specId };
  const snap = await governanceSnapshot();
  const kind = ACTIONS[action];
  const decision = decide(kind, {
    constitution: snap.record.constitution, status: snap.status, planDepth: proposal.planDepth ?? 1, approvedBy: `the stewards (${stewards.join(', ')})`,
  });
  const actionId = newId('act', snap.now);
  try {
    if (decision.verdict === 'blocked') return { ran: false, reason: decision.reason };
    if (decision.verdict === 'chapel') return await throughChapel(actionId, proposal, false);
    await commitApplied(proposal, appliedEvent(actionId, proposal, kind, false, snap.now), budgetScar(snap, action, kind.externalCost, snap.now));
    remember(actionId, proposal, snap.now);
    return { ran: true };
  } catch (err) {
    return { ran: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** After every read of a board: show this device's key, then apply what every steward consented to. */
async function actOn(specId: string, board: ConsentBoard, channel: ConsentChannel): Promise<void> {
  // A device with a name shows its key in every spec it watches, so it can be named a steward.
  const me = await consentIdentity().catch(() => undefined);
  if (me) await ensureRoster(specId, board, me, channel);
  await applyConsented(specId, board, channel);
}

/**
 * Watches a shared spec's consent channel and acts on it (counted, like attachConsent): every
 * caller that attaches a spec comes through here, so no board is read without being acted on.
 */
export function attachShared(specId: string): () => void {
  onBoard(actOn);
  return attachConsent(specId);
}
