import type { ConsentBoard } from '../../domain/governance/consentBoard';
import type { GovernedEvent } from '../../domain/ledger/logEntry';
import { readKinds, withGovernedLog } from '../../store/logRepo';

/*
 * Every device logs what it reads in a shared spec's consent channel, once per record: the
 * proposals (with the stewards they need), each position that moved a consent field (checked
 * against the key of the participant it names), every record it refused and why, and the
 * proposer's mark that the change was applied. So each device's own signed log proves the
 * consent behind a shared change, or its absence, and the ethics header checks it there.
 */

export const CONSENT_KINDS = ['proposal_opened', 'consent', 'consent_refused', 'proposal_applied'] as const;

function eventsOf(specId: string, board: ConsentBoard, at: number): { recordId: string; event: GovernedEvent }[] {
  const out: { recordId: string; event: GovernedEvent }[] = [];
  const add = (recordId: string, kind: GovernedEvent['kind'], payload: Record<string, unknown>) =>
    out.push({ recordId, event: { kind, at, payload: { ...payload, specId, recordId } } });
  for (const p of board.proposals) {
    const { proposalId, action, intent, stewards, proposer } = p.proposal;
    add(p.recordId, 'proposal_opened', { proposalId, action, intent, stewards: [...stewards], proposer });
    for (const a of p.accepted) {
      const { participant, to } = a.body;
      add(a.id, 'consent', { proposalId, participant, to, by: participant, key: a.key });
    }
    if (p.applied) add(p.applied.id, 'proposal_applied', { proposalId, by: p.applied.body.by });
  }
  for (const r of board.refusals) {
    add(r.id, 'consent_refused', { reason: r.reason, signer: r.signer, type: r.type, ...(r.proposalId ? { proposalId: r.proposalId } : {}), ...(r.participant ? { participant: r.participant } : {}) });
  }
  return out;
}

const logged = new Set<string>();

/** Logs what of `board` this device has not logged yet (checked again inside the write, so two tabs log it once). */
export async function logBoard(specId: string, board: ConsentBoard, at = Date.now()): Promise<void> {
  const fresh = eventsOf(specId, board, at).filter((e) => !logged.has(e.recordId));
  if (fresh.length === 0) return;
  const ids = await withGovernedLog([], async (log) => {
    const before = new Set((await readKinds(CONSENT_KINDS)).map((e) => e.payload.recordId));
    const todo = fresh.filter((e) => !before.has(e.recordId));
    for (const e of todo) log.append(e.event);
    return fresh.map((e) => e.recordId);
  });
  for (const id of ids) logged.add(id);
}
