import type { ExchangeStatus } from './exchange';
import type { StartTrouble } from './keepStarting';

/**
 * What every running exchange says about itself, and the person's Pause / Resume, for the
 * header chip and Settings. Kept apart from the exchange (which loads after the first render)
 * so the header's chip costs the core almost nothing.
 */
interface Control {
  pause(): void;
  resume(): void;
}

const statuses = new Map<string, ExchangeStatus>();
const controls = new Map<string, Control>();
/** Pairings whose exchange did not start here yet, with the last failure. */
const troubles = new Map<string, StartTrouble>();
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((f) => f());

export function exchangeStatuses(): ReadonlyMap<string, ExchangeStatus> {
  return statuses;
}

export function onExchangeStatus(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** Pairings whose exchange did not start in this tab: why the last attempt failed, and when the next begins. */
export function exchangeStartTroubles(): ReadonlyMap<string, StartTrouble> {
  return troubles;
}

/** The runner's side: a start failed and will be tried again (or no longer: undefined). */
export function setExchangeStartTrouble(pairingId: string, trouble: StartTrouble | undefined): void {
  if (trouble) troubles.set(pairingId, trouble);
  else troubles.delete(pairingId);
  notify();
}

/** The runner's side: an exchange started (with its controls), changed, or ended (undefined). */
export function setExchangeStatus(pairingId: string, status: ExchangeStatus | undefined, control?: Control): void {
  troubles.delete(pairingId);
  if (status) statuses.set(pairingId, status);
  else statuses.delete(pairingId);
  if (control) controls.set(pairingId, control);
  if (!status) controls.delete(pairingId);
  notify();
}

export function pauseExchange(pairingId: string): void {
  controls.get(pairingId)?.pause();
}

export function resumeExchange(pairingId: string): void {
  controls.get(pairingId)?.resume();
}

/** Records still to send or receive, over every exchange (0 and 0 when none is under way). */
export function exchangeBacklog(all: Iterable<ExchangeStatus>): { done: number; total: number; paused: boolean } {
  let done = 0;
  let total = 0;
  let paused = false;
  for (const s of all) {
    const { received, receiveTotal, sent, sendTotal } = s.progress;
    if (received < receiveTotal || sent < sendTotal) {
      done += received + sent;
      total += receiveTotal + sendTotal;
      paused ||= s.paused;
    }
  }
  return { done, total, paused };
}
