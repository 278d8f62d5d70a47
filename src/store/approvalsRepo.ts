import type { Table } from 'dexie';
import { DomainError } from '../domain/errors';
import type { ActionKind } from '../domain/governance/actions';
import { db } from './db';
import { live, type Live } from './live';
import type { GovernedLog } from './logRepo';

/**
 * The approval queue. A row is written when governance queues an action and changes state
 * when a person decides; the log (action_queued, approval, rejection, ...) is its history.
 */

export type ApprovalState = 'pending' | 'approved' | 'rejected' | 'applied' | 'failed' | 'withdrawn';

export interface ApprovalRow {
  id: string;
  state: ApprovalState;
  createdAt: number;
  actionKind: ActionKind;
  intent: string;
  /** Why governance queued it (the decide() reason). */
  reason: string;
  /** What the action needs to run again after a reload (plain JSON). */
  params: Record<string, unknown>;
  decidedAt?: number;
  decidedBy?: string;
  outcome?: string;
}

const approvals = (): Table<ApprovalRow, string> => db().table<ApprovalRow, string>('approvals');

/** Inside a governed transaction over `approvals`. */
export async function insertApproval(row: ApprovalRow, log: GovernedLog): Promise<void> {
  await approvals().add(row);
  log.append({
    kind: 'action_queued',
    at: row.createdAt,
    payload: { actionId: row.id, action: row.actionKind, intent: row.intent, reason: row.reason, params: row.params },
  });
}

/** Error for a decision on a row that is not waiting for one. */
export class ApprovalStateError extends DomainError {
  readonly actionId: string;
  readonly state: string;
  constructor(actionId: string, state: string) {
    super(`action ${actionId} is ${state}, not waiting for a decision`, 'ApprovalStateError');
    this.actionId = actionId;
    this.state = state;
  }
}

/**
 * Moves a row from `from` to `to` inside a governed transaction over `approvals`; the caller
 * appends the event that records the move. Throws ApprovalStateError when the row moved on.
 */
export async function moveApproval(
  id: string,
  from: ApprovalState,
  change: Pick<ApprovalRow, 'state'> & Partial<Pick<ApprovalRow, 'decidedAt' | 'decidedBy' | 'outcome'>>,
): Promise<ApprovalRow> {
  const row = await approvals().get(id);
  if (!row || row.state !== from) throw new ApprovalStateError(id, row?.state ?? 'unknown');
  const next = { ...row, ...change };
  await approvals().put(next);
  return next;
}

export async function getApproval(id: string): Promise<ApprovalRow | undefined> {
  return approvals().get(id);
}

/** Newest first. */
export function observeApprovals(limit = 200): Live<ApprovalRow[]> {
  return live(() => approvals().orderBy('createdAt').reverse().limit(limit).toArray());
}
