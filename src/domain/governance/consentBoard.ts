import { applies, openProposal, positionOf, reduceConsent, refusal, type ConsentField } from './consent';
import { shortFingerprint, type AppliedBody, type ConsentRecord, type PositionBody, type ProposalBody } from './consentRecords';

/*
 * A shared spec's consent channel read the same way on every device: from the records in the
 * document's order and whether each one's signature holds, it derives who is who (the
 * roster), each proposal's consent field, and every record it refuses, with the reason. Pure:
 * the signatures are checked beforehand (consentRecords.verifyRecord), so every device that
 * holds the same records reaches the same board.
 *
 * Identity: a device's key is bound to the first name its own signed roster record gives it;
 * a key answers under that name only, and a name taken by one key cannot be claimed by another
 * (first in the document's order; devices show each other's key fingerprints to compare). A
 * position counts only when the key that signed it is bound to the participant it names, so a
 * consent in someone else's name is refused, whoever signed it. Silence never moves a position.
 */

/** One record of the document: parsed (or why not) and whether its signature checked out. */
export type Checked = { readonly id: string; readonly record: ConsentRecord | null; readonly problem?: string; readonly valid: boolean };

export type Participant = { readonly name: string; readonly key: string };

export type Refusal = {
  readonly id: string;
  readonly type: string;
  readonly proposalId?: string;
  readonly participant?: string;
  /** Who signed it: a participant's name, or a key's short fingerprint. */
  readonly signer: string;
  readonly reason: string;
};

export type SharedProposalState = {
  readonly recordId: string;
  readonly proposal: ProposalBody;
  readonly field: ConsentField;
  /** The position records that moved the field, in order (what each device logs). */
  readonly accepted: readonly { readonly id: string; readonly body: PositionBody; readonly key: string }[];
  readonly applied: { readonly id: string; readonly body: AppliedBody } | null;
  readonly applies: boolean;
  readonly waitingFor: readonly string[];
};

export type ConsentBoard = {
  readonly participants: readonly Participant[];
  readonly proposals: readonly SharedProposalState[];
  readonly refusals: readonly Refusal[];
};

type Mutable = { recordId: string; proposal: ProposalBody; field: ConsentField; accepted: SharedProposalState['accepted'][number][]; applied: SharedProposalState['applied'] };

export function readBoard(checked: readonly Checked[]): ConsentBoard {
  const nameOfKey = new Map<string, string>();
  const keyOfName = new Map<string, string>();
  const refusals: Refusal[] = [];
  const refuse = (c: Checked, reason: string, extra: Partial<Refusal> = {}) =>
    refusals.push({ id: c.id, type: c.record?.type ?? 'unknown', signer: signerOf(c), reason, ...extra });
  const signerOf = (c: Checked) => (c.record ? (nameOfKey.get(c.record.key) ?? `key ${shortFingerprint(c.record.key)}`) : 'unknown');

  for (const c of checked) {
    if (c.record === null) refuse(c, c.problem ?? 'not a consent record');
    if (c.record?.type !== 'roster') continue;
    const { name } = c.record.body;
    const { key } = c.record;
    if (!c.valid) refuse(c, 'its signature does not match the key it shows');
    else if (nameOfKey.has(key) && nameOfKey.get(key) !== name) refuse(c, `this device already answers as ${nameOfKey.get(key)}`);
    else if (keyOfName.has(name) && keyOfName.get(name) !== key) refuse(c, `${name} is already the name of another device (key ${shortFingerprint(keyOfName.get(name)!)})`);
    else {
      nameOfKey.set(key, name);
      keyOfName.set(name, key);
    }
  }

  const proposals = new Map<string, Mutable>();
  for (const c of checked) {
    const r = c.record;
    if (r === null || r.type === 'roster') continue;
    const signer = nameOfKey.get(r.key);
    const proposalId = r.body.proposalId;
    if (signer === undefined) {
      refuse(c, 'signed by a key no participant of this spec has shown', { proposalId });
      continue;
    }
    if (!c.valid) {
      refuse(c, `its signature does not match ${signer}'s key`, { proposalId });
      continue;
    }
    if (r.type === 'proposal') {
      if (proposals.has(proposalId)) refuse(c, 'a proposal with this id already exists', { proposalId });
      else if (signer !== r.body.proposer) refuse(c, `signed by ${signer}'s key, not the proposer ${r.body.proposer}'s`, { proposalId });
      else proposals.set(proposalId, { recordId: c.id, proposal: r.body, field: openProposal(proposalId, r.body.stewards), accepted: [], applied: null });
      continue;
    }
    const p = proposals.get(proposalId);
    if (p === undefined) {
      refuse(c, 'names a proposal this spec does not hold', { proposalId });
      continue;
    }
    if (r.type === 'position') {
      const participant = r.body.participant;
      if (signer !== participant) {
        refuse(c, `a position in ${participant}'s name signed by ${signer}'s key`, { proposalId, participant });
        continue;
      }
      const event = { kind: 'consent' as const, proposalId, participant, to: r.body.to, at: r.body.at, by: signer };
      const why = refusal(p.field, event);
      if (why !== null) refuse(c, why, { proposalId, participant });
      else if (positionOf(p.field, participant) !== r.body.to) {
        p.field = reduceConsent(p.field, event);
        p.accepted.push({ id: c.id, body: r.body, key: r.key });
      }
      continue;
    }
    if (signer !== p.proposal.proposer || r.body.by !== p.proposal.proposer) refuse(c, `only the proposer ${p.proposal.proposer} marks it applied`, { proposalId });
    else if (!applies(p.field, p.proposal.stewards)) refuse(c, 'marked applied before every steward consented', { proposalId });
    else p.applied ??= { id: c.id, body: r.body };
  }

  return {
    participants: [...nameOfKey].map(([key, name]) => ({ name, key })),
    proposals: [...proposals.values()].map((p) => ({
      ...p,
      applies: applies(p.field, p.proposal.stewards),
      waitingFor: p.proposal.stewards.filter((s) => positionOf(p.field, s) !== 'CONSENT_GIVEN'),
    })),
    refusals,
  };
}
