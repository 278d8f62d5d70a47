import { observePairedDevices, type PairedDevice } from '../../store/pairingsRepo';
import { startExchange, type Exchange, type ExchangeStatus } from './exchange';

/**
 * Runs the exchange with every paired device while the app is open. One tab of this browser
 * does it (a Web Lock): two tabs would publish the same records twice. When a pairing is
 * removed (unpaired here, in another tab, or by the other device) its exchange stops.
 */
const running = new Map<string, Promise<Exchange>>();
const statuses = new Map<string, ExchangeStatus>();
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((f) => f());
/** Pairings this tab unpaired: their exchange also tells the other device and forgets its document. */
const leaving = new Set<string>();

export function exchangeStatuses(): ReadonlyMap<string, ExchangeStatus> {
  return statuses;
}

export function onExchangeStatus(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

export function markLeaving(pairingId: string): void {
  leaving.add(pairingId);
}

function reconcile(pairings: readonly PairedDevice[]): void {
  const ids = new Set(pairings.map((p) => p.id));
  for (const p of pairings) {
    if (running.has(p.id)) continue;
    const started = startExchange(p);
    running.set(p.id, started);
    void started.then((x) => {
      statuses.set(p.id, x.status());
      notify();
      x.onStatus((s) => {
        statuses.set(p.id, s);
        notify();
      });
    });
  }
  for (const [id, started] of running) {
    if (ids.has(id)) continue;
    running.delete(id);
    statuses.delete(id);
    notify();
    void started.then((x) => x.stop(leaving.delete(id)));
  }
}

let begun = false;

export function startDeviceExchange(): void {
  if (begun) return;
  begun = true;
  const run = () => new Promise<void>(() => observePairedDevices().subscribe({ next: reconcile }));
  if (typeof navigator !== 'undefined' && navigator.locks) void navigator.locks.request('metacompiler-device-exchange', run);
  else void run();
}
