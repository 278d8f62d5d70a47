import fc from 'fast-check';
import { CONSENT_STATES, applies, openProposal, positionOf, reduceConsent } from '../../../../src/domain/governance/consent';
import type { ConsentInput, ConsentState } from '../../../../src/domain/governance/consent';

/**
 * Property: whatever happens to a proposal (time passing, ticks, timeouts, events by other
 * participants or for other proposals), no participant's position changes, and in particular
 * nobody reaches CONSENT_GIVEN, except by an explicit event made by that participant. Exported
 * so a fuller run (10,000 cases) can reuse it; the unit test runs 1,000 with a fixed seed.
 */
export const CONSENT_PROPERTY_SEED = 20_250_501;

const PEOPLE = ['ana', 'ben', 'chen', 'dara'] as const;
const PROPOSAL = 'p-1';

const state = fc.constantFrom<ConsentState>(...CONSENT_STATES);
const person = fc.constantFrom(...PEOPLE);
const input: fc.Arbitrary<{ input: ConsentInput; gap: number }> = fc.record({
  gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 86_400_000, max: 400 * 86_400_000 })),
  input: fc.oneof(
    fc.record({ kind: fc.constant('tick' as const), at: fc.constant(0) }),
    fc.record({ kind: fc.constant('timeout' as const), at: fc.constant(0) }),
    fc.record({
      kind: fc.constant('consent' as const),
      proposalId: fc.constantFrom(PROPOSAL, 'p-2'),
      participant: person,
      to: state,
      at: fc.constant(0),
      by: fc.oneof(person, fc.constantFrom('facilitator', 'automation')),
    }),
  ),
});

export function consentProperty() {
  return fc.property(fc.array(input, { maxLength: 60 }), fc.subarray([...PEOPLE], { minLength: 1 }), (steps, primary) => {
    let field = openProposal(PROPOSAL, PEOPLE);
    let now = 0;
    // Last explicit self-made event per participant for this proposal.
    const lastOwn = new Map<string, ConsentState>();
    for (const { input: raw, gap } of steps) {
      now += gap;
      const inp = { ...raw, at: now } as ConsentInput;
      const before = field;
      field = reduceConsent(field, inp);
      const own = inp.kind === 'consent' && inp.proposalId === PROPOSAL && inp.by === inp.participant;
      if (own) lastOwn.set(inp.participant, inp.to);
      for (const p of PEOPLE) {
        const was = positionOf(before, p);
        const is = positionOf(field, p);
        if (is !== was && !(own && inp.kind === 'consent' && inp.participant === p && inp.to === is)) return false;
        if (is === 'CONSENT_GIVEN' && lastOwn.get(p) !== 'CONSENT_GIVEN') return false;
        if (is !== (lastOwn.get(p) ?? 'LISTEN')) return false;
      }
      if (applies(field, primary) && !primary.every((p) => lastOwn.get(p) === 'CONSENT_GIVEN')) return false;
    }
    return true;
  });
}
