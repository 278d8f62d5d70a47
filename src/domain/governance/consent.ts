import type { GovernedEvent } from '../ledger/logEntry';

export const CONSENT_STATES = ['LISTEN', 'ABSTAIN', 'SUSPEND', 'CONSENT_GIVEN', 'DISSENT'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/** An explicit, logged move of `participant` to `to`, made by `by`. */
export type ConsentEvent = {
  readonly kind: 'consent';
  readonly proposalId: string;
  readonly participant: string;
  readonly to: ConsentState;
  readonly at: number;
  readonly by: string;
};

/** Things that happen to a proposal without anyone speaking: they must never move a position. */
export type SilentInput = { readonly kind: 'tick' | 'timeout'; readonly at: number };
export type ConsentInput = ConsentEvent | SilentInput;

export type ConsentField = {
  readonly proposalId: string;
  /** Participants absent here are in LISTEN. */
  readonly positions: Readonly<Record<string, ConsentState>>;
};

/**
 * A proposal on a shared spec, with every named participant listening. Silence bands
 * (LISTEN, ABSTAIN) stay silence: no timer, default or inference turns them into consent.
 */
export function openProposal(proposalId: string, participants: readonly string[]): ConsentField {
  // fromEntries defines own properties, so a participant named "__proto__" stays a participant.
  return { proposalId, positions: Object.fromEntries(participants.map((p) => [p, 'LISTEN' as const])) };
}

export function positionOf(field: ConsentField, participant: string): ConsentState {
  return Object.prototype.hasOwnProperty.call(field.positions, participant)
    ? (field.positions[participant] as ConsentState)
    : 'LISTEN';
}

/**
 * Why an input does not move anyone, or null when it does. A position belongs to its
 * participant alone: an event made by anyone else is refused, whatever state it aims at,
 * so consent can be neither given nor withdrawn on someone's behalf.
 */
export function refusal(field: ConsentField, input: ConsentInput): string | null {
  if (input.kind !== 'consent') return `a ${input.kind} never changes a position`;
  if (input.proposalId !== field.proposalId) return `event for proposal ${input.proposalId}, not ${field.proposalId}`;
  if (!(CONSENT_STATES as readonly string[]).includes(input.to)) return `unknown position ${String(input.to)}`;
  if (input.by !== input.participant) return `${input.by} cannot move ${input.participant}'s position`;
  return null;
}

/** The reducer: only an explicit event by the participant themself moves their position. */
export function reduceConsent(field: ConsentField, input: ConsentInput): ConsentField {
  if (refusal(field, input) !== null || input.kind !== 'consent') return field;
  if (positionOf(field, input.participant) === input.to) return field;
  return { proposalId: field.proposalId, positions: { ...field.positions, [input.participant]: input.to } };
}

export function replayConsent(field: ConsentField, inputs: readonly ConsentInput[]): ConsentField {
  return inputs.reduce(reduceConsent, field);
}

/** The proposal applies only when there are primary stewards and every one of them has CONSENT_GIVEN. */
export function applies(field: ConsentField, primaryStewards: readonly string[]): boolean {
  return primaryStewards.length > 0 && primaryStewards.every((p) => positionOf(field, p) === 'CONSENT_GIVEN');
}

export function consentLogEvent(e: ConsentEvent): GovernedEvent {
  return {
    kind: 'consent',
    at: e.at,
    payload: { proposalId: e.proposalId, participant: e.participant, to: e.to, by: e.by },
  };
}
