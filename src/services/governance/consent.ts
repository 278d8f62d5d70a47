import { DomainError } from '../../domain/errors';
import {
  CONSENT_STATES, applies, consentLogEvent, openProposal, positionOf, refusal, replayConsent,
  type ConsentEvent, type ConsentField, type ConsentState,
} from '../../domain/governance/consent';
import { readKinds, withGovernedLog } from '../../store/logRepo';
import type { GovernedEvent } from '../../domain/ledger/logEntry';
import { ensureConstitution } from './snapshot';

export type { ConsentEvent, ConsentField, ConsentState };
export { CONSENT_STATES, positionOf };

/**
 * Consent on shared specs. The events travel through the peer session's shared document; this
 * module never sees Yjs: the sync floor implements ConsentChannel over a Y.Array of events
 * (append = push, subscribe = observe), and tests use memoryConsentChannel.
 */
export interface ConsentChannel {
  /** Every consent event so far, in the document's order. */
  events(): ConsentEvent[];
  append(event: ConsentEvent): void;
  /** Calls back on every change, local or remote; returns the unsubscribe. */
  subscribe(callback: () => void): () => void;
}

export interface ConsentProposal {
  readonly id: string;
  readonly title: string;
  readonly participants: readonly string[];
}

export function memoryConsentChannel(initial: readonly ConsentEvent[] = []): ConsentChannel {
  const events = [...initial];
  const listeners = new Set<() => void>();
  return {
    events: () => [...events],
    append(e) {
      events.push(e);
      for (const l of listeners) l();
    },
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}

/** The field as the domain reducer makes it from the channel's events: silence stays silence. */
export function consentFieldOf(channel: ConsentChannel, proposal: ConsentProposal): ConsentField {
  const mine = channel.events().filter((e) => e.proposalId === proposal.id);
  return replayConsent(openProposal(proposal.id, proposal.participants), mine);
}

/** The reducer would ignore this event; saying why beats silently doing nothing. */
export class ConsentRefusedError extends DomainError {
  constructor(reason: string) {
    super(reason, 'ConsentRefusedError');
  }
}

/** Primary stewards have not all given consent. */
export class ConsentMissingError extends DomainError {
  readonly waitingFor: readonly string[];
  constructor(waitingFor: readonly string[]) {
    super(
      waitingFor.length === 0
        ? 'the constitution names no primary steward, so nothing can be consented'
        : `waiting for consent from ${waitingFor.join(', ')}`,
      'ConsentMissingError',
    );
    this.waitingFor = waitingFor;
  }
}

/** `me` states their own position: logged on this device, then shared on the channel. */
export async function declare(
  channel: ConsentChannel,
  proposal: ConsentProposal,
  me: string,
  to: ConsentState,
  at = Date.now(),
): Promise<void> {
  const event: ConsentEvent = { kind: 'consent', proposalId: proposal.id, participant: me, to, at, by: me };
  const why = refusal(consentFieldOf(channel, proposal), event);
  if (why !== null) throw new ConsentRefusedError(why);
  await withGovernedLog([], async (log) => log.append(consentLogEvent(event)));
  channel.append(event);
}

/** Primary stewards who have not given consent. */
export function waitingFor(field: ConsentField, primary: readonly string[]): string[] {
  return primary.filter((p) => positionOf(field, p) !== 'CONSENT_GIVEN');
}

export function proposalApplies(field: ConsentField, primary: readonly string[]): boolean {
  return applies(field, primary);
}

const keyOf = (p: Record<string, unknown>, at: number) => `${String(p.proposalId)}|${String(p.participant)}|${String(p.to)}|${String(p.by)}|${at}`;

/**
 * Applies a consented proposal: refuses unless every primary steward (of the constitution) has CONSENT_GIVEN; logs the
 * consent events seen from other participants (so this device's log proves the consent behind
 * its own change), then the change, then its action_applied entry carrying the proposalId.
 */
export async function applyConsented(
  channel: ConsentChannel,
  proposal: ConsentProposal,
  change: () => Promise<void>,
  at = Date.now(),
): Promise<void> {
  const primary = (await ensureConstitution()).constitution.answerableTo.primary;
  const field = consentFieldOf(channel, proposal);
  if (!applies(field, primary)) throw new ConsentMissingError(waitingFor(field, primary));
  await change();
  const logged = new Set((await readKinds(['consent'])).map((e) => keyOf(e.payload, e.at)));
  const seen = channel.events().filter((e) => e.proposalId === proposal.id).map(consentLogEvent);
  const missing = seen.filter((e) => !logged.has(keyOf(e.payload, e.at)));
  const applied: GovernedEvent = {
    kind: 'action_applied',
    at,
    payload: { actionId: `consent-${proposal.id}`, proposalId: proposal.id, action: 'shared_spec_change', hazard: 'low', externalCost: 0, automated: false, viaChapel: false, intent: proposal.title },
  };
  await withGovernedLog([], async (log) => {
    for (const e of missing) log.append(e);
    log.append(applied);
  });
}
