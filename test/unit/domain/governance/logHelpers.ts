import type { GovernedEvent, LogEntry } from '../../../../src/domain/ledger/logEntry';

/** Gives events their log positions, as the store would. */
export function asLog(events: readonly GovernedEvent[], startSeq = 0): LogEntry[] {
  return events.map((e, i) => ({ ...e, seq: startSeq + i }));
}

export const T0 = Date.UTC(2025, 4, 1);

export function applied(actionId: string, cost: number, extra: Record<string, unknown> = {}, at = T0): GovernedEvent {
  return {
    kind: 'action_applied',
    at,
    payload: { actionId, action: 'refit_priors', hazard: 'low', externalCost: cost, automated: true, viaChapel: false, ...extra },
  };
}

export function filler(n: number, at = T0): GovernedEvent[] {
  return Array.from({ length: n }, (_, i) => ({ kind: 'run_recorded', at, payload: { runId: `r${i}`, passed: true } }));
}
