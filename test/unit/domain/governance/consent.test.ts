import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applies,
  consentLogEvent,
  openProposal,
  positionOf,
  reduceConsent,
  refusal,
  replayConsent,
} from '../../../../src/domain/governance/consent';
import type { ConsentEvent, ConsentState } from '../../../../src/domain/governance/consent';
import { CONSENT_PROPERTY_SEED, consentProperty } from './consent.property';

const ev = (participant: string, to: ConsentState, by = participant, at = 1): ConsentEvent => ({
  kind: 'consent',
  proposalId: 'p',
  participant,
  to,
  at,
  by,
});

describe('consent field', () => {
  it('starts everyone in LISTEN and moves a position only by that participant\'s own event', () => {
    let f = openProposal('p', ['ana', 'ben']);
    expect(positionOf(f, 'ana')).toBe('LISTEN');
    f = reduceConsent(f, ev('ana', 'CONSENT_GIVEN', 'ben'));
    expect(positionOf(f, 'ana')).toBe('LISTEN');
    expect(refusal(f, ev('ana', 'CONSENT_GIVEN', 'ben'))).toMatch(/ben cannot move ana/);
    f = reduceConsent(f, ev('ana', 'CONSENT_GIVEN'));
    expect(positionOf(f, 'ana')).toBe('CONSENT_GIVEN');
  });

  it('keeps silence as silence: ticks and timeouts never move ABSTAIN or LISTEN', () => {
    const f = replayConsent(openProposal('p', ['ana', 'ben']), [
      ev('ben', 'ABSTAIN'),
      { kind: 'tick', at: 10 },
      { kind: 'timeout', at: 10 ** 12 },
    ]);
    expect(f.positions).toEqual({ ana: 'LISTEN', ben: 'ABSTAIN' });
  });

  it('applies only when every primary steward has CONSENT_GIVEN', () => {
    const f0 = openProposal('p', ['ana', 'ben', 'chen']);
    const f1 = replayConsent(f0, [ev('ana', 'CONSENT_GIVEN'), ev('ben', 'SUSPEND')]);
    expect(applies(f1, ['ana'])).toBe(true);
    expect(applies(f1, ['ana', 'ben'])).toBe(false);
    const f2 = replayConsent(f1, [ev('ben', 'CONSENT_GIVEN'), ev('ana', 'DISSENT')]);
    expect(applies(f2, ['ana', 'ben'])).toBe(false);
    expect(applies(f2, [])).toBe(false);
  });

  it('ignores events for another proposal and logs its events with who made them', () => {
    const f = reduceConsent(openProposal('p', ['ana']), { ...ev('ana', 'CONSENT_GIVEN'), proposalId: 'q' });
    expect(positionOf(f, 'ana')).toBe('LISTEN');
    expect(consentLogEvent(ev('ana', 'DISSENT', 'ana', 7))).toEqual({
      kind: 'consent',
      at: 7,
      payload: { proposalId: 'p', participant: 'ana', to: 'DISSENT', by: 'ana' },
    });
  });

  it('property: nobody reaches CONSENT_GIVEN without an explicit event of their own (1,000 seeded runs)', () => {
    fc.assert(consentProperty(), { seed: CONSENT_PROPERTY_SEED, numRuns: 1000 });
  });
});
