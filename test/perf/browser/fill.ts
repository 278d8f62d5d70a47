import { checkVeto, elapse, enterChapel, run, type ChapelIntent } from '../../../src/domain/governance/chapel';
import { consentLogEvent } from '../../../src/domain/governance/consent';
import { restorationEvent } from '../../../src/domain/scars/scarLog';
import type { NewScar } from '../../../src/domain/scars/scarLog';
import type { GovernedEvent } from '../../../src/domain/ledger/logEntry';

/**
 * A plausible governed log of `count` entries, the same every time: mostly bets, with scars
 * and restorations, high-hazard actions through the chapel, consented proposals, approvals,
 * sessions and the odd veto with its fuse reset. Every proof handle stays true, so no fold of
 * the ethics header can stop early: each measurement reads and checks the whole log.
 * Scars come as NewScar (written with their scar row by the store); the rest as events.
 */
export type FillItem = { readonly event: GovernedEvent } | { readonly scar: NewScar };

export function* governedItems(count: number, start: number): Generator<FillItem> {
  let t = start;
  let emitted = 0;
  const tick = (ms = 1000) => (t += ms);
  const ev = (event: GovernedEvent): FillItem => ({ event });
  for (let cycle = 0; ; cycle++) {
    const batch: FillItem[] = [];
    const push = (item: FillItem) => batch.push(item);
    if (cycle % 15 === 0) push(ev({ kind: 'session_started', at: tick(), payload: { sessionId: `session-${cycle}` } }));
    for (let i = 0; i < 12; i++) {
      push(ev({
        kind: 'bet_placed',
        at: tick(),
        payload: { betId: `bet-${cycle}-${i}`, task: `task ${cycle}.${i}: wire the thing`, estimatedHours: 1 + (i % 5), confidence: 0.6, stake: 5, principles: ['small steps'] },
      }));
    }
    for (let i = 0; i < 10; i++) {
      push(ev({
        kind: 'bet_resolved',
        at: tick(),
        payload: { betId: `bet-${cycle}-${i}`, actualHours: 1 + (i % 4), completed: true, hit: i % 3 !== 0, bullshit: false, credibilityAfter: 0.9 },
      }));
    }
    for (let i = 0; i < 2; i++) {
      push({ scar: { id: `scar-${cycle}-${i}`, locus: { kind: 'principle', ref: `principle ${cycle % 40}` }, trigger: 'manual_incident', severity: 0.3, description: `incident ${cycle}.${i}`, createdAt: tick() } });
    }
    push(ev(restorationEvent(`scar-${cycle}-0`, { at: tick(), note: 'talked it through' })));
    const intent: ChapelIntent = { actionId: `bulk-${cycle}`, action: 'bulk_delete_evidence', hazard: 'high', externalCost: 5, intent: 'drop a broken import', automated: false };
    const a = enterChapel(intent, tick(), 3000);
    const b = elapse(a.state, tick(3000));
    const c = checkVeto(b.state, tick(1), 'ok');
    for (const step of [a, b, c, run(c.state, tick(1))]) push(ev(step.event));
    const proposalId = `proposal-${cycle}`;
    push(ev(consentLogEvent({ kind: 'consent', proposalId, participant: 'self', to: 'CONSENT_GIVEN', at: tick(), by: 'self' })));
    push(ev({ kind: 'action_applied', at: tick(), payload: { actionId: `inject-${cycle}`, action: 'inject_priors', hazard: 'low', externalCost: 2, automated: false, viaChapel: false, proposalId } }));
    push(ev({ kind: 'action_queued', at: tick(), payload: { actionId: `refit-${cycle}`, action: 'refit_priors', hazard: 'low' } }));
    push(ev({ kind: 'approval', at: tick(), payload: { actionId: `refit-${cycle}`, action: 'refit_priors', by: 'self' } }));
    if (cycle % 30 === 29) {
      push(ev({ kind: 'veto', at: tick(), payload: { actionId: `late-${cycle}`, by: 'self' } }));
      push(ev({ kind: 'fuse_reset', at: tick(), payload: { by: 'self', note: 'looked at it' } }));
    }
    for (const item of batch) {
      if (emitted++ === count) return;
      yield item;
    }
  }
}
