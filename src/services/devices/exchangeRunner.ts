import { observePairedDevices, setPairingPaused, type PairedDevice } from '../../store/pairingsRepo';
import { startExchange, type Exchange } from './exchange';
import { setExchangeStatus } from './exchangeStatuses';

/**
 * Runs the exchange with every paired device while the app is open. One tab of this browser
 * does it (a Web Lock): two tabs would publish the same records twice. When a pairing is
 * removed (unpaired here, in another tab, or by the other device) its exchange stops.
 */
const running = new Map<string, Promise<Exchange>>();
/** Pairings this tab unpaired: their exchange also tells the other device and forgets its document. */
const leaving = new Set<string>();

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
      if (!running.has(p.id)) return;
      const control = (paused: boolean) => () => {
        if (paused) x.pause();
        else x.resume();
        void setPairingPaused(p.id, paused);
      };
      setExchangeStatus(p.id, x.status(), { pause: control(true), resume: control(false) });
      x.onStatus((s) => running.has(p.id) && setExchangeStatus(p.id, s));
    });
  }
  for (const [id, started] of running) {
    if (ids.has(id)) continue;
    running.delete(id);
    setExchangeStatus(id, undefined);
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
